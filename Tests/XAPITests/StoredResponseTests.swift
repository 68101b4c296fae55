import CourseModel
import Testing

@testable import SessionEngine
@testable import XAPI

/// Drill answers as the engine records them (`Session.describe`) read back into the
/// choices, order and pairs given, even when texts hold the separators.
@Suite struct StoredResponseTests {
  static let words = ["a", "b", " | ", " > ", "; ", " -> ", "x y", "|", ">", "-"]

  static func text(_ random: inout SeededRandom) -> String {
    (0..<Int.random(in: 1...4, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
  }

  /// Distinct texts that are not prefixes of one another's separators-free form.
  static func texts(_ count: Int, _ random: inout SeededRandom) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    while out.count < count {
      let candidate = text(&random)
      if seen.insert(candidate).inserted { out.append(candidate) }
    }
    return out
  }

  @Test func choicesOrderAndPairsComeBackFromTheRecordedText() {
    let seed = SeededRandom.seed()
    var random = SeededRandom(seed: seed)
    for _ in 0..<300 {
      let count = Int.random(in: 2...5, using: &random)
      let texts = Self.texts(count, &random)
      let choice = Question(
        id: "c", prompt: "?", body: .choice(texts.enumerated().map { .init(text: $1, isCorrect: $0 == 0) }))
      let picked = Set((0..<count).filter { _ in Bool.random(using: &random) }).union([
        Int.random(in: 0..<count, using: &random)
      ])
      let recorded = Session.describe(.choices(picked), of: choice)
      // A text that reads two ways (an ambiguous pair of choices) may come back as the
      // other reading; it must still describe to the same recorded text.
      let back = StoredResponse.choices(recorded, texts)
      #expect(back.map { Session.describe(.choices(Set($0)), of: choice) } == recorded, "seed \(seed)")

      let order = Question(id: "o", prompt: "?", body: .order(texts))
      let given = texts.indices.shuffled(using: &random)
      let recordedOrder = Session.describe(.order(given), of: order)
      let backOrder = StoredResponse.order(recordedOrder, texts)
      #expect(backOrder.map { Session.describe(.order($0), of: order) } == recordedOrder, "seed \(seed)")

      let rights = Self.texts(count, &random)
      let pairs = zip(texts, rights).map { MatchPair(left: $0, right: $1) }
      let match = Question(id: "m", prompt: "?", body: .match(pairs))
      var chosen: [Int: Int] = [:]
      for left in pairs.indices where Bool.random(using: &random) {
        chosen[left] = Int.random(in: 0..<count, using: &random)
      }
      let recordedMatch = Session.describe(.match(chosen), of: match)
      let backMatch = StoredResponse.match(recordedMatch, pairs)
      let reread = backMatch.map { given in
        Session.describe(
          .match(
            Dictionary(uniqueKeysWithValues: given.enumerated().compactMap { i, r in r.map { (i, $0) } })),
          of: match)
      }
      #expect(reread == recordedMatch, "seed \(seed)")
    }
  }

  @Test func textThatFitsNoChoiceIsNotReadAsOne() {
    #expect(StoredResponse.choices("Blue | Green", ["Blue", "Red"]) == nil)
    #expect(StoredResponse.choices("", ["Blue"]) == nil)
    #expect(StoredResponse.choices("Red | Blue", ["Blue", "Red"]) == nil)
    #expect(StoredResponse.order("A > B", ["A", "B", "C"]) == nil)
    #expect(StoredResponse.order("A > A > B", ["A", "B", "C"]) == nil)
    #expect(
      StoredResponse.match("L -> R", [MatchPair(left: "L", right: "R"), MatchPair(left: "M", right: "S")])
        == nil)
    #expect(
      StoredResponse.match(
        "L -> ; M -> R", [MatchPair(left: "L", right: "R"), MatchPair(left: "M", right: "S")]) == [nil, 0])
  }
}
