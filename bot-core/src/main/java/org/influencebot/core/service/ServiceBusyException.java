package org.influencebot.core.service;

/** The service's work queue is full: the user is asked to try again shortly. */
public final class ServiceBusyException extends RuntimeException {
  public ServiceBusyException() {
    super("the analysis queue is full", null, false, false);
  }
}
