/// A creed: statements to reflect on, one by one, then sign.
public struct Creed: Sendable, Hashable {
  /// One statement of a creed.
  public struct Statement: Sendable, Hashable {
    /// `<section id>-<n>`, n 1-based.
    public var id: String
    /// The item's first paragraph, as plain text.
    public var text: String
    /// Nested paragraphs that explain the statement.
    public var explanation: [Block]
    public var location: SourceLocation?

    public init(id: String, text: String, explanation: [Block] = [], location: SourceLocation? = nil) {
      self.id = id
      self.text = text
      self.explanation = explanation
      self.location = location
    }
  }

  /// Paragraphs that introduce the creed.
  public var intro: [Block]
  public var statements: [Statement]
  /// What follows the list of statements: a closing commitment, say.
  public var closing: [Block]

  public init(intro: [Block] = [], statements: [Statement], closing: [Block] = []) {
    self.intro = intro
    self.statements = statements
    self.closing = closing
  }

  /// The text a signature is bound to: the statements, one a line.
  public var signedText: String { statements.map(\.text).joined(separator: "\n") }
}
