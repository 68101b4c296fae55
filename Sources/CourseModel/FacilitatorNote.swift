/// A note for the trainer who leads a live or classroom session: a block quote whose
/// text starts with `Facilitator:`. Learners never see it.
public struct FacilitatorNote: Sendable, Hashable {
  /// The note's Markdown, with the word `Facilitator:` removed.
  public var blocks: [Block]
  /// Where the block quote starts.
  public var location: SourceLocation?

  public init(blocks: [Block], location: SourceLocation? = nil) {
    self.blocks = blocks
    self.location = location
  }

  /// The note as plain text (what the outline lists).
  public var text: String { blocks.plainText }
}
