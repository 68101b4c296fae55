/// A stable 64-bit FNV-1a hash, as 16 hex digits: used to tell whether an item or a
/// creed changed since an answer or a signature was recorded.
public enum ContentHash {
  /// The hash of `text`'s UTF-8 bytes.
  public static func of(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

extension Question {
  /// A hash of what the learner is asked and what counts as right.
  public var contentHash: String {
    var parts = [kind.rawValue, prompt]
    switch body {
    case .choice(let choices): parts += choices.map { ($0.isCorrect ? "[x] " : "[ ] ") + $0.text }
    case .short(let answers): parts += answers
    case .order(let items): parts += items
    case .match(let pairs): parts += pairs.map { $0.left + " -> " + $0.right }
    }
    return ContentHash.of(parts.joined(separator: "\u{1F}"))
  }
}

extension BeliefItem {
  /// A hash of the statement and its scale or list.
  public var contentHash: String {
    var parts = [kind.rawValue, prompt]
    switch body {
    case .agree, .reflect: break
    case .rate(let labels): parts += labels
    case .rank(let items): parts += items
    }
    return ContentHash.of(parts.joined(separator: "\u{1F}"))
  }
}

extension Creed {
  /// The hash a signature is stored with.
  public var contentHash: String { ContentHash.of(signedText) }
}
