# influence-bot: build with Maven, run on a JRE. One volume (/data) holds all state; tokens come from the
# environment (INFLUENCE_BOT_DISCORD_TOKEN, INFLUENCE_BOT_TELEGRAM_TOKEN), never from the image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /data --shell /usr/sbin/nologin influence
COPY --from=build /src/app/target/influence-bot.jar /opt/influence-bot/influence-bot.jar
COPY config/influence-bot.example.yml /opt/influence-bot/influence-bot.example.yml
ENV INFLUENCE_BOT_DATA_DIR=/data
VOLUME ["/data"]
USER influence
WORKDIR /data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/influence-bot/influence-bot.jar"]
