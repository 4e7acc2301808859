package org.influencebot.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Text;

/**
 * A summary as JSON, for the shared cache. Records map field for field; a {@link Text}'s arguments
 * keep their Java type (an Integer stays an Integer, a date a date), so the sentence reads the same
 * in every process. A version travels with each entry: an entry from another release is ignored.
 */
final class SummaryCodec {
  /** Bump when the shape of {@link Summary} changes: older entries are then recomputed, never misread. */
  static final int VERSION = 1;

  private final ObjectMapper mapper;

  SummaryCodec() {
    SimpleModule text = new SimpleModule("text");
    text.addSerializer(Text.class, new TextSerializer());
    text.addDeserializer(Text.class, new TextDeserializer());
    this.mapper = JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(text)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  byte[] write(Summary summary) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("v", VERSION);
    root.set("summary", mapper.valueToTree(summary));
    try {
      return mapper.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("summary not writable as JSON", e);
    }
  }

  /** The summary, or an {@link IOException} when the entry is not one this release wrote. */
  Summary read(byte[] json) throws IOException {
    JsonNode root = mapper.readTree(json);
    if (root == null || root.path("v").asInt(-1) != VERSION) {
      throw new IOException("shared summary of another version: " + (root == null ? "empty" : root.path("v")));
    }
    return mapper.treeToValue(root.get("summary"), Summary.class);
  }

  /** {"key": "...", "args": [{"t": "int", "v": 3}, ...]}. */
  private static final class TextSerializer extends JsonSerializer<Text> {
    @Override
    public void serialize(Text value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartObject();
      gen.writeStringField("key", value.key());
      gen.writeArrayFieldStart("args");
      for (Object arg : value.args()) {
        gen.writeStartObject();
        if (arg instanceof Integer i) {
          gen.writeStringField("t", "int");
          gen.writeNumberField("v", i);
        } else if (arg instanceof Long l) {
          gen.writeStringField("t", "long");
          gen.writeNumberField("v", l);
        } else if (arg instanceof Double d) {
          gen.writeStringField("t", "double");
          gen.writeNumberField("v", d);
        } else if (arg instanceof String s) {
          gen.writeStringField("t", "string");
          gen.writeStringField("v", s);
        } else if (arg instanceof LocalDate date) {
          gen.writeStringField("t", "date");
          gen.writeStringField("v", date.toString());
        } else if (arg instanceof Text nested) {
          gen.writeStringField("t", "text");
          gen.writeFieldName("v");
          serialize(nested, gen, provider);
        } else {
          throw new IOException("a sentence argument of type " + arg.getClass().getName()
              + " cannot be shared; add it to SummaryCodec");
        }
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
  }

  private static final class TextDeserializer extends JsonDeserializer<Text> {
    @Override
    public Text deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return text(p.getCodec().readTree(p));
    }

    private static Text text(JsonNode node) throws IOException {
      if (!node.path("key").isTextual() || !(node.get("args") instanceof ArrayNode args)) {
        throw new IOException("not a shared sentence: " + node);
      }
      List<Object> values = new ArrayList<>();
      for (JsonNode arg : args) {
        JsonNode v = arg.path("v");
        values.add(switch (arg.path("t").asText()) {
          case "int" -> v.intValue();
          case "long" -> v.longValue();
          case "double" -> v.doubleValue();
          case "string" -> v.asText();
          case "date" -> LocalDate.parse(v.asText());
          case "text" -> text(v);
          default -> throw new IOException("unknown sentence argument type " + arg.path("t"));
        });
      }
      return new Text(node.get("key").asText(), values);
    }
  }
}
