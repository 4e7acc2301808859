package org.influencebot.discord;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.influencebot.store.AuditLog;
import org.influencebot.store.HistoryStore;
import org.influencebot.store.LinkStore;
import org.influencebot.store.LinkedHandle;
import org.influencebot.store.Member;
import org.influencebot.store.Scope;
import org.influencebot.store.SettingsStore;
import org.influencebot.store.Store;
import org.influencebot.store.StoreStatistics;

/** A real store that notes which thread reads members' links, to show the bot never does it on JDA's. */
final class ThreadRecordingStore implements Store {
  private final Store store;
  final List<String> linkThreads = new CopyOnWriteArrayList<>();

  ThreadRecordingStore(Store store) {
    this.store = store;
  }

  @Override
  public SettingsStore settings() {
    return store.settings();
  }

  @Override
  public LinkStore links() {
    LinkStore links = store.links();
    return new LinkStore() {
      @Override
      public LinkedHandle link(Member member, String handle) {
        return links.link(member, handle);
      }

      @Override
      public Optional<LinkedHandle> linkOf(Member member) {
        linkThreads.add(Thread.currentThread().getName());
        return links.linkOf(member);
      }

      @Override
      public Optional<LinkedHandle> linkIn(Scope scope, Member member) {
        linkThreads.add(Thread.currentThread().getName());
        return links.linkIn(scope, member);
      }

      @Override
      public boolean unlink(Member member) {
        return links.unlink(member);
      }

      @Override
      public boolean removeByModerator(Scope scope, String moderatorId, Member member) {
        return links.removeByModerator(scope, moderatorId, member);
      }
    };
  }

  @Override
  public HistoryStore history() {
    return store.history();
  }

  @Override
  public AuditLog audit() {
    return store.audit();
  }

  @Override
  public org.influencebot.core.members.MemberLog members() {
    return store.members();
  }

  @Override
  public StoreStatistics statistics() {
    return store.statistics();
  }

  @Override
  public void close() {
    store.close();
  }
}
