package io.priokit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged, at TRACE, while open: to prove what never reaches a log. The root
 * logger's own appenders are detached meanwhile, so that a soak at TRACE (an HTTP library's wire log
 * of megabytes of bodies, say) fills the capture, not the build's console.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger priokit = (Logger) LoggerFactory.getLogger("io.priokit");
  private final Level rootLevel = root.getLevel();
  private final Level priokitLevel = priokit.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

  /** Starts capturing every logger at TRACE. */
  public LogCapture() {
    root.iteratorForAppenders().forEachRemaining(detached::add);
    detached.forEach(root::detachAppender);
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
    priokit.setLevel(Level.TRACE);
  }

  /** Each captured event as its logger, level, formatted message and every throwable's messages. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getLevel())
          .append(' ').append(event.getFormattedMessage());
      for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
        line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The captured lines from loggers under the given name. */
  public List<String> linesFrom(String loggerPrefix) {
    return lines().stream().filter(line -> line.startsWith(loggerPrefix)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    detached.forEach(root::addAppender);
    root.setLevel(rootLevel);
    priokit.setLevel(priokitLevel);
    appender.stop();
  }
}
