/// A section of a module: one H2 and what follows it up to the next H2.
public struct Section: Sendable, Hashable {
  /// The kind of a section, the word before the colon in its heading.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    case lesson, drill, beliefs, creed
  }

  /// What a section holds, by kind. Drill questions and belief items are different
  /// types, so graded and ungraded work never mix.
  public enum Content: Sendable, Hashable {
    /// Prose to read.
    case lesson([Block])
    /// A skills drill: introduction paragraphs and questions with right answers.
    case drill(intro: [Block], questions: [Question])
    /// A belief examination: introduction paragraphs and items with no right answer.
    case beliefs(intro: [Block], items: [BeliefItem])
    /// A creed to reflect on and sign.
    case creed(Creed)
  }

  public var id: String
  /// The title without the kind word and without `{#id}`.
  public var title: String
  /// Where the H2 stands.
  public var location: SourceLocation?
  public var content: Content
  /// The section's `Facilitator:` notes, in the order written; never shown to learners.
  public var facilitator: [FacilitatorNote]

  public init(
    id: String, title: String, location: SourceLocation? = nil, content: Content,
    facilitator: [FacilitatorNote] = []
  ) {
    self.id = id
    self.title = title
    self.location = location
    self.content = content
    self.facilitator = facilitator
  }

  public var kind: Kind {
    switch content {
    case .lesson: .lesson
    case .drill: .drill
    case .beliefs: .beliefs
    case .creed: .creed
    }
  }
}
