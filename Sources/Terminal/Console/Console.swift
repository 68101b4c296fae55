/// A key pressed on a terminal.
public enum Key: Sendable, Hashable {
  case enter, space, backspace, escape
  case up, down, left, right, pageUp, pageDown
  case character(Character)
  /// Ctrl-C, or a signal that asked the session to stop.
  case interrupt
  /// Ctrl-D, or the terminal went away.
  case endOfInput
  /// The terminal changed size: redraw.
  case resize
  /// A key that means nothing here.
  case other
}

/// A line read from the employee.
public enum LineInput: Sendable, Hashable {
  /// The text, without its line end; bytes that are not UTF-8 become U+FFFD.
  case text(String)
  /// Ctrl-D on an empty line, end of input, or the terminal went away.
  case endOfInput
  /// Ctrl-C, or a signal that asked the session to stop.
  case interrupt
}

/// Where the runner reads and writes: a terminal, a pipe, or a script in tests.
public protocol Console: AnyObject {
  /// Whether this is a terminal (keys, colour, screen control) rather than a pipe.
  var isInteractive: Bool { get }
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// Whether output may carry ANSI colour and styles.
  var usesColor: Bool { get }
  /// Whether the screen can be cleared and redrawn (a terminal whose `TERM` is not `dumb`).
  var controlsScreen: Bool { get }
  /// The signal that asked the session to stop (SIGINT, SIGTERM, SIGHUP), once one did.
  var stopSignal: Int32? { get }
  /// Writes text as it is.
  func write(_ text: String)
  /// Clears the screen (terminals that control the screen only).
  func clearScreen()
  /// Reads one line.
  func readLine() -> LineInput
  /// Reads one line without showing it (a passphrase). Consoles that show nothing as it
  /// is typed anyway (pipes, scripts) read it as ``readLine()``.
  func readSecret() -> LineInput
  /// Reads one key (terminals only; pipes read a line and report Enter).
  func readKey() -> Key
  /// Puts the terminal back as it was.
  func restore()
}

extension Console {
  public func readSecret() -> LineInput { readLine() }

  func writeLine(_ text: String = "") { write(text + "\n") }
}
