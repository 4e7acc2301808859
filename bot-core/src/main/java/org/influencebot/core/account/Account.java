package org.influencebot.core.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * An account's metrics as in {@code shared/spec/account-metrics.md}. Every value but the handle may be
 * unknown (an empty optional), which is never the same as zero.
 */
public record Account(
    Optional<String> network,
    String handle,
    Optional<String> id,
    Optional<String> displayName,
    Optional<Instant> createdAt,
    Optional<Instant> observedAt,
    OptionalLong followers,
    OptionalLong following,
    OptionalLong posts,
    OptionalLong likes,
    OptionalLong listed,
    Optional<Boolean> verified,
    Optional<Boolean> isProtected,
    Optional<Boolean> declaredBot,
    Optional<Boolean> hasAvatar,
    Optional<Boolean> defaultProfile,
    Optional<String> bio,
    Optional<String> location,
    Optional<String> url,
    Optional<Instant> lastPostAt,
    List<Post> recentPosts,
    List<FollowerPoint> followerHistory,
    List<Account> followerSample,
    Optional<SampleMethod> followerSampleMethod,
    List<FollowerStratum> followerStrata,
    List<Account> engagerSample,
    Optional<String> label) {

  public Account {
    Objects.requireNonNull(handle, "handle");
    recentPosts = List.copyOf(recentPosts);
    followerHistory = List.copyOf(followerHistory);
    followerSample = List.copyOf(followerSample);
    followerStrata = List.copyOf(followerStrata);
    engagerSample = List.copyOf(engagerSample);
  }

  /** How a follower sample was drawn: the newest followers are not a random sample. */
  public enum SampleMethod {
    RANDOM,
    NEWEST,
    TOP;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Account age in days at observation time, if creation time is known. */
  public OptionalDouble ageDays(Instant fallbackNow) {
    if (createdAt.isEmpty()) {
      return OptionalDouble.empty();
    }
    Instant at = observedAt.orElse(fallbackNow);
    double days = Duration.between(createdAt.get(), at).toSeconds() / 86_400.0;
    return OptionalDouble.of(Math.max(0, days));
  }

  public static Builder builder(String handle) {
    return new Builder(handle);
  }

  public Builder toBuilder() {
    Builder b = new Builder(handle);
    b.network = network;
    b.id = id;
    b.displayName = displayName;
    b.createdAt = createdAt;
    b.observedAt = observedAt;
    b.followers = followers;
    b.following = following;
    b.posts = posts;
    b.likes = likes;
    b.listed = listed;
    b.verified = verified;
    b.isProtected = isProtected;
    b.declaredBot = declaredBot;
    b.hasAvatar = hasAvatar;
    b.defaultProfile = defaultProfile;
    b.bio = bio;
    b.location = location;
    b.url = url;
    b.lastPostAt = lastPostAt;
    b.recentPosts = new ArrayList<>(recentPosts);
    b.followerHistory = new ArrayList<>(followerHistory);
    b.followerSample = new ArrayList<>(followerSample);
    b.followerSampleMethod = followerSampleMethod;
    b.followerStrata = new ArrayList<>(followerStrata);
    b.engagerSample = new ArrayList<>(engagerSample);
    b.label = label;
    return b;
  }

  /** Builds accounts field by field; everything left unset stays unknown. */
  public static final class Builder {
    private String handle;
    private Optional<String> network = Optional.empty();
    private Optional<String> id = Optional.empty();
    private Optional<String> displayName = Optional.empty();
    private Optional<Instant> createdAt = Optional.empty();
    private Optional<Instant> observedAt = Optional.empty();
    private OptionalLong followers = OptionalLong.empty();
    private OptionalLong following = OptionalLong.empty();
    private OptionalLong posts = OptionalLong.empty();
    private OptionalLong likes = OptionalLong.empty();
    private OptionalLong listed = OptionalLong.empty();
    private Optional<Boolean> verified = Optional.empty();
    private Optional<Boolean> isProtected = Optional.empty();
    private Optional<Boolean> declaredBot = Optional.empty();
    private Optional<Boolean> hasAvatar = Optional.empty();
    private Optional<Boolean> defaultProfile = Optional.empty();
    private Optional<String> bio = Optional.empty();
    private Optional<String> location = Optional.empty();
    private Optional<String> url = Optional.empty();
    private Optional<Instant> lastPostAt = Optional.empty();
    private List<Post> recentPosts = new ArrayList<>();
    private List<FollowerPoint> followerHistory = new ArrayList<>();
    private List<Account> followerSample = new ArrayList<>();
    private Optional<SampleMethod> followerSampleMethod = Optional.empty();
    private List<FollowerStratum> followerStrata = new ArrayList<>();
    private List<Account> engagerSample = new ArrayList<>();
    private Optional<String> label = Optional.empty();

    private Builder(String handle) {
      this.handle = Objects.requireNonNull(handle);
    }

    public Builder handle(String v) { handle = Objects.requireNonNull(v); return this; }
    public Builder network(String v) { network = Optional.ofNullable(v); return this; }
    public Builder id(String v) { id = Optional.ofNullable(v); return this; }
    public Builder displayName(String v) { displayName = Optional.ofNullable(v); return this; }
    public Builder createdAt(Instant v) { createdAt = Optional.ofNullable(v); return this; }
    public Builder observedAt(Instant v) { observedAt = Optional.ofNullable(v); return this; }
    public Builder followers(long v) { followers = OptionalLong.of(v); return this; }
    public Builder following(long v) { following = OptionalLong.of(v); return this; }
    public Builder posts(long v) { posts = OptionalLong.of(v); return this; }
    public Builder likes(long v) { likes = OptionalLong.of(v); return this; }
    public Builder listed(long v) { listed = OptionalLong.of(v); return this; }
    public Builder followers(OptionalLong v) { followers = v; return this; }
    public Builder following(OptionalLong v) { following = v; return this; }
    public Builder posts(OptionalLong v) { posts = v; return this; }
    public Builder likes(OptionalLong v) { likes = v; return this; }
    public Builder listed(OptionalLong v) { listed = v; return this; }
    public Builder verified(Boolean v) { verified = Optional.ofNullable(v); return this; }
    public Builder isProtected(Boolean v) { isProtected = Optional.ofNullable(v); return this; }
    public Builder declaredBot(Boolean v) { declaredBot = Optional.ofNullable(v); return this; }
    public Builder hasAvatar(Boolean v) { hasAvatar = Optional.ofNullable(v); return this; }
    public Builder defaultProfile(Boolean v) { defaultProfile = Optional.ofNullable(v); return this; }
    public Builder bio(String v) { bio = Optional.ofNullable(v); return this; }
    public Builder location(String v) { location = Optional.ofNullable(v); return this; }
    public Builder url(String v) { url = Optional.ofNullable(v); return this; }
    public Builder lastPostAt(Instant v) { lastPostAt = Optional.ofNullable(v); return this; }
    public Builder recentPosts(List<Post> v) { recentPosts = new ArrayList<>(v); return this; }
    public Builder followerHistory(List<FollowerPoint> v) { followerHistory = new ArrayList<>(v); return this; }
    public Builder followerSample(List<Account> v) { followerSample = new ArrayList<>(v); return this; }
    public Builder followerSampleMethod(SampleMethod v) { followerSampleMethod = Optional.ofNullable(v); return this; }
    /** Deeper runs of the follower list; {@code follower_sample} stays the newest run (offset 0). */
    public Builder followerStrata(List<FollowerStratum> v) { followerStrata = new ArrayList<>(v); return this; }
    public Builder engagerSample(List<Account> v) { engagerSample = new ArrayList<>(v); return this; }
    public Builder label(String v) { label = Optional.ofNullable(v); return this; }

    public Account build() {
      return new Account(network, handle, id, displayName, createdAt, observedAt, followers, following,
          posts, likes, listed, verified, isProtected, declaredBot, hasAvatar, defaultProfile, bio, location,
          url, lastPostAt, recentPosts, followerHistory, followerSample, followerSampleMethod, followerStrata,
          engagerSample, label);
    }
  }
}
