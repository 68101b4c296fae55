/// What a prompt accepts: the answer parser turns a typed line into a value of this kind.
public enum AnswerKind: Sendable, Hashable {
  /// One number from 1 to `count`.
  case single(count: Int)
  /// One or more distinct numbers from 1 to `count` (select all that apply).
  case multiple(count: Int)
  /// Every number from 1 to `count`, each once, in an order (order and rank questions).
  case order(count: Int)
  /// A letter for each number 1...`count`: `1b 2a 3c`.
  case match(count: Int)
  /// One point of a scale of `count` (agree and rate).
  case point(count: Int)
  /// Free text on one line, at most `limit` characters; `optional` allows an empty line.
  case text(limit: Int, optional: Bool)
  /// Several lines of free text, at most `limit` characters in all.
  case lines(limit: Int)
  /// Yes or no; an empty line gives `default`.
  case yesNo(default: Bool)
  /// The course home: an empty line continues, a number opens a module.
  case menu(count: Int)

  /// Whether `q`, `h` and `?` are commands at this prompt rather than answers (a line
  /// starting with `/` is a command at every prompt).
  var takesCommands: Bool {
    if case .lines = self { return false }
    return true
  }

  /// Whether this is a menu (the course home, an outline), where a letter is never an
  /// answer: `h` is the home, `m` the outline, `a` the answers.
  var isMenu: Bool {
    if case .menu = self { return true }
    return false
  }
}

/// A typed line, understood.
public enum ParsedAnswer: Sendable, Hashable {
  /// `q`: save and quit.
  case quit
  /// `h`: show a hint.
  case hint
  /// `?`: show help.
  case help
  /// `/m` (or `m` on a menu): the module's outline.
  case outline
  /// `/h` (or `h` on a menu): the course home.
  case home
  /// `/a` (or `a` on a menu): the employee's own answers in the module.
  case answers
  /// `/skip` at a reflection: leave it out.
  case skip
  /// 0-based display indices, in the order typed (single, multiple, order, menu).
  case numbers([Int])
  /// A 0-based point (agree, rate).
  case point(Int)
  /// Text (short answer, note, name, reflection).
  case text(String)
  /// 0-based left index -> 0-based right display index (match).
  case pairs([Int: Int])
  /// Yes or no.
  case yes(Bool)
  /// An empty line at the course home: continue.
  case proceed
}

/// Why a line was not accepted: one line that says what to type instead.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
  public var hint: String
  public init(_ hint: String) { self.hint = hint }
  public var description: String { hint }
}
