/// A block of Markdown content copied out of the cmark tree: what lessons, overviews,
/// scenarios and explanations are made of.
public struct Block: Sendable, Hashable {
  /// The kinds of block the engine keeps.
  public enum Kind: Sendable, Hashable {
    case paragraph([Inline])
    case heading(level: Int, [Inline])
    /// A list; each item is a list of blocks.
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]])
    case blockQuote([Block])
    case codeBlock(info: String, code: String)
    case htmlBlock(String)
    case thematicBreak
  }

  public var kind: Kind
  /// Where the block starts; `nil` for blocks built in code.
  public var location: SourceLocation?

  public init(_ kind: Kind, at location: SourceLocation? = nil) {
    self.kind = kind
    self.location = location
  }
}

/// Inline Markdown content.
public enum Inline: Sendable, Hashable {
  case text(String)
  case code(String)
  case emphasis([Inline])
  case strong([Inline])
  case link(destination: String, title: String, [Inline])
  case image(source: String, title: String, [Inline])
  case softBreak
  case lineBreak
  case html(String)
}
