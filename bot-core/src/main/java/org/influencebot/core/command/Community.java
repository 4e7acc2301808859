package org.influencebot.core.command;

import java.util.List;
import java.util.Optional;

/**
 * The store, as the commands need it: chats' settings and members' linked handles. Calls may block
 * (a disk, a database): the runner is called off platform event threads.
 *
 * <p>A chat is named by its platform and its id there; a member likewise.
 */
public interface Community {
  /** The settings in force in a chat: what its moderators changed, defaults for the rest. */
  ChatRules rules(String platform, String chat);

  /** Every setting's key and its value in force, in the order help shows them. */
  List<Setting> settings(String platform, String chat);

  /**
   * Changes one setting as a moderator typed it, recording who did it.
   *
   * @return the setting's key and its value now
   * @throws InvalidSetting naming the accepted values
   */
  Setting change(String platform, String chat, String moderator, String key, String value) throws InvalidSetting;

  /** The keys a moderator can change, for the how-to line. */
  String keys();

  /** The member's link, wherever they are: what they see of it themselves outside any chat. */
  Optional<String> linkOf(String platform, String member);

  /**
   * The member's link as one chat or server sees it: none there when a moderator of that chat removed it
   * (until the member links a handle again). Links are the member's across the platform; a moderator's
   * power stops at their own chat.
   */
  Optional<String> linkIn(String platform, String chat, String member);

  void link(String platform, String member, String handle);

  /** False when the member had no link. */
  boolean unlink(String platform, String member);

  /**
   * A moderator removes a member's link from their chat or server: it is no longer used there, and stays
   * the member's everywhere else. Recorded in the chat's audit log. False when the chat saw no link.
   */
  boolean removeLink(String platform, String chat, String moderator, String member);

  /** One setting and its value in force. */
  record Setting(String key, String value) {}

  /** A value a setting does not accept. */
  final class InvalidSetting extends Exception {
    private final String validValues;

    public InvalidSetting(String validValues) {
      super(validValues, null, false, false);
      this.validValues = validValues;
    }

    public String validValues() {
      return validValues;
    }
  }
}
