import Terminal

/// A console that reads from a script and keeps what was written, for tests of the learn
/// loop without a terminal.
public final class ScriptedConsole: Console {
  /// What the script says for Ctrl-C.
  public static let ctrlC = "^C"
  /// The lines still to be read.
  public var script: [String]
  /// Everything written so far.
  public private(set) var output = ""
  /// Called before each line is read (to look at the store at that moment).
  public var beforeRead: () -> Void = {}
  /// A terminal (80x24) rather than a pipe.
  public let isInteractive: Bool

  public init(_ script: [String], interactive: Bool = false) {
    self.script = script
    isInteractive = interactive
  }

  public var size: (width: Int, height: Int) { isInteractive ? (80, 24) : (Int.max, Int.max) }
  public var usesColor: Bool { false }
  public var controlsScreen: Bool { false }
  public var stopSignal: Int32? { nil }
  public func write(_ text: String) { output += text }
  public func clearScreen() {}
  public func readLine() -> LineInput {
    beforeRead()
    guard !script.isEmpty else { return .endOfInput }
    let line = script.removeFirst()
    return line == Self.ctrlC ? .interrupt : .text(line)
  }
  public func readKey() -> Key { .enter }
  public func restore() {}
}
