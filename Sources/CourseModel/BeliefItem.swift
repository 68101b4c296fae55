/// A belief item: a statement or prompt with no right answer, never scored.
public struct BeliefItem: Sendable, Hashable {
  /// What the learner does.
  public enum Body: Sendable, Hashable {
    /// Picks a point 1...5 from strongly disagree to strongly agree.
    case agree
    /// Picks a point 1...labels.count.
    case rate(labels: [String])
    /// Writes free text.
    case reflect
    /// Puts the items in order of personal importance.
    case rank([String])
  }

  /// The outline's name for a belief kind.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    case agree, rate, reflect, rank
  }

  /// The five points of an `Agree` statement.
  public static let agreeLabels = ["Strongly disagree", "Disagree", "Unsure", "Agree", "Strongly agree"]
  /// The five default labels of a `Rate` question.
  public static let defaultRateLabels = ["Never", "Rarely", "Sometimes", "Often", "Always"]

  public var id: String
  public var prompt: String
  public var location: SourceLocation?
  /// Paragraphs that guide the learner.
  public var guidance: [Block]
  public var body: Body

  public init(
    id: String, prompt: String, location: SourceLocation? = nil, guidance: [Block] = [],
    body: Body
  ) {
    self.id = id
    self.prompt = prompt
    self.location = location
    self.guidance = guidance
    self.body = body
  }

  public var kind: Kind {
    switch body {
    case .agree: .agree
    case .rate: .rate
    case .reflect: .reflect
    case .rank: .rank
    }
  }

  /// The labels of the scale for `agree` and `rate`; empty for the others.
  public var scale: [String] {
    switch body {
    case .agree: Self.agreeLabels
    case .rate(let labels): labels
    case .reflect, .rank: []
    }
  }
}
