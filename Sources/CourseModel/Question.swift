/// A skills drill question: it has a right answer and is scored.
public struct Question: Sendable, Hashable {
  /// One choice of a choice question.
  public struct Choice: Sendable, Hashable {
    public var text: String
    public var isCorrect: Bool
    /// Feedback shown when this choice is picked; empty when there is none.
    public var feedback: String

    public init(text: String, isCorrect: Bool, feedback: String = "") {
      self.text = text
      self.isCorrect = isCorrect
      self.feedback = feedback
    }
  }

  /// What the learner does to answer.
  public enum Body: Sendable, Hashable {
    /// A task list: one `[x]` makes a single-choice question, more a select-all one.
    case choice([Choice])
    /// Accepted answers, as written (trimmed).
    case short(answers: [String])
    /// The items in their right order.
    case order([String])
    /// Left and right sides in their right pairing.
    case match([MatchPair])
  }

  /// The outline's name for a question kind.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    case single, multiple, short, order, match
  }

  public var id: String
  public var prompt: String
  public var location: SourceLocation?
  /// Scenario paragraphs and block quotes shown with the prompt.
  public var context: [Block]
  /// Hints the learner may ask for (the text after `Hint:`).
  public var hints: [String]
  /// Shown once the question is answered; empty when there is none.
  public var explanation: [Block]
  public var body: Body

  public init(
    id: String, prompt: String, location: SourceLocation? = nil, context: [Block] = [],
    hints: [String] = [], explanation: [Block] = [], body: Body
  ) {
    self.id = id
    self.prompt = prompt
    self.location = location
    self.context = context
    self.hints = hints
    self.explanation = explanation
    self.body = body
  }

  public var kind: Kind {
    switch body {
    case .choice(let choices):
      // Counted without building the array of right choices: reports and outlines ask often.
      choices.reduce(0) { $0 + ($1.isCorrect ? 1 : 0) } > 1 ? .multiple : .single
    case .short: .short
    case .order: .order
    case .match: .match
    }
  }
}

/// One `left -> right` pair of a match question.
public struct MatchPair: Sendable, Hashable {
  public var left: String
  public var right: String

  public init(left: String, right: String) {
    self.left = left
    self.right = right
  }
}
