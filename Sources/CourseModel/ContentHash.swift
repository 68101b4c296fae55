/// A stable 64-bit FNV-1a hash, as 16 hex digits: used to tell whether an item or a
/// creed changed since an answer or a signature was recorded.
///
/// Every hash below is stored with the records it describes, so each one's recipe is
/// fixed once it has shipped: change a recipe and every stored hash stops matching.
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

  /// The hash of several parts, each kept apart from the next.
  static func of(parts: [String]) -> String { of(parts.joined(separator: "\u{1F}")) }

  /// Text as an answer key compares it: lowercased, white space trimmed and collapsed,
  /// so that a capital letter or a double space is wording, not a new key.
  static func keyText(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The version of a drill: its questions' ids and answer keys, in order. A drill pass
  /// is stored with it, so reports can tell a pass of the drill as it is from a pass of
  /// an earlier version.
  public static func drill(_ questions: [Question]) -> String {
    drill(ids: questions.map(\.id), keys: questions.map(\.answerKeyHash))
  }

  /// ``drill(_:)`` from the questions' ids and answer-key hashes, in order.
  public static func drill(ids: [String], keys: [String]) -> String {
    of(parts: ["drill-v1"] + zip(ids, keys).flatMap { [$0, $1] })
  }
}

extension Question {
  /// A hash of the prompt and what counts as right: what every coach has stored with each
  /// answer (as its `itemHash`). Its recipe never changes, so answers stored by earlier
  /// releases can still be compared with the question as it is now.
  public var contentHash: String {
    var parts = [kind.rawValue, prompt]
    switch body {
    case .choice(let choices): parts += choices.map { ($0.isCorrect ? "[x] " : "[ ] ") + $0.text }
    case .short(let answers): parts += answers
    case .order(let items): parts += items
    case .match(let pairs): parts += pairs.map { $0.left + " -> " + $0.right }
    }
    return ContentHash.of(parts: parts)
  }

  /// A hash of what the learner was graded against: the kind and the answer key (the
  /// choices and which are right, the accepted answers, the order, the pairs).
  ///
  /// Wording is left out: the prompt, the scenario, hints, the explanation and choice
  /// feedback. So is what grading ignores: letter case and spacing, the order in which
  /// choices, accepted answers and pairs are written (the runner shuffles them), and
  /// repeated accepted answers. An earlier answer counts while this hash is the same.
  public var answerKeyHash: String {
    var parts = ["key-v1", kind.rawValue]
    switch body {
    case .choice(let choices):
      parts += choices.map { ($0.isCorrect ? "[x] " : "[ ] ") + ContentHash.keyText($0.text) }.sorted()
    case .short(let answers):
      parts += Set(answers.map(ContentHash.keyText).filter { !$0.isEmpty }).sorted()
    case .order(let items):
      parts += items.map(ContentHash.keyText)
    case .match(let pairs):
      parts += pairs.map { ContentHash.keyText($0.left) + " -> " + ContentHash.keyText($0.right) }.sorted()
    }
    return ContentHash.of(parts: parts)
  }

  /// A hash of the question's wording: the prompt, the scenario, the hints, the
  /// explanation and each choice's feedback. A change here never costs a learner credit.
  public var wordingHash: String {
    var parts = ["wording-v1", prompt, context.plainText] + hints + [explanation.plainText]
    if case .choice(let choices) = body {
      parts += choices.map { ContentHash.keyText($0.text) + " => " + $0.feedback }.sorted()
    }
    return ContentHash.of(parts: parts)
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
    return ContentHash.of(parts: parts)
  }

  /// A hash of the scale an answer is given on: the labels of an `Agree` or `Rate`
  /// scale (an `Agree` and a `Rate` with the same labels share a scale), the items of a
  /// `Rank`. Two answers are compared as one statement's before and after only when
  /// they were given on the same scale.
  public var scaleHash: String {
    switch body {
    case .agree, .rate: Self.scaleHash(labels: scale)
    case .rank(let items): ContentHash.of(parts: ["rank-v1"] + items.map(ContentHash.keyText).sorted())
    case .reflect: ContentHash.of(parts: ["reflect-v1"])
    }
  }

  /// The hash of a point scale with these labels.
  public static func scaleHash(labels: [String]) -> String {
    ContentHash.of(parts: ["scale-v1"] + labels.map(ContentHash.keyText))
  }
}

extension Creed {
  /// The hash a signature is stored with.
  public var contentHash: String { ContentHash.of(signedText) }
}

extension Course {
  /// A hash of everything in the course a learner sees or is graded on: the version of
  /// the course, kept with each enrolment. Two copies of a course on different machines
  /// (or in a folder that moved) have the same hash; any edit changes it.
  public var contentHash: String {
    var parts = ["course-v1", id, title, String(pass), introduction.plainText]
    for module in modules {
      parts += ["module", module.id, module.title, String(module.pass)] + module.audience.sorted()
      parts.append(module.overview.plainText)
      for section in module.sections {
        parts += ["section", section.kind.rawValue, section.id, section.title]
        switch section.content {
        case .lesson(let blocks):
          parts.append(blocks.plainText)
        case .drill(let intro, let questions):
          parts.append(intro.plainText)
          parts += questions.flatMap { [$0.id, $0.answerKeyHash, $0.wordingHash] }
        case .beliefs(let intro, let items):
          parts.append(intro.plainText)
          parts += items.flatMap { [$0.id, $0.contentHash, $0.guidance.plainText] }
        case .creed(let creed):
          parts += [creed.intro.plainText, creed.contentHash, creed.closing.plainText]
          parts += creed.statements.map(\.explanation.plainText)
        }
      }
    }
    return ContentHash.of(parts: parts)
  }
}
