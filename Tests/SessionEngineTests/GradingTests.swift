import CoachTestSupport
import CourseModel
import CourseProgress
import Testing

@testable import SessionEngine

@Suite struct GradingTests {
  let course = Fixture.course()
  var questions: [String: Question] {
    guard case .drill(_, let list) = course.modules[0].sections[1].content else { return [:] }
    return Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
  }

  @Test func singleChoiceIsAllOrNothing() {
    let q = questions["four-of-five"]!
    #expect(Grader.score(q, .choices([1])) == 1)
    #expect(Grader.score(q, .choices([0])) == 0)
  }

  @Test func selectAllGivesPartialCredit() {
    let q = questions["raving-fans"]!  // right: 0 and 2
    #expect(Grader.score(q, .choices([0, 2])) == 1)
    #expect(Grader.score(q, .choices([0])) == 0.5)
    #expect(Grader.score(q, .choices([0, 2, 1])) == 0.5)
    #expect(Grader.score(q, .choices([0, 1, 2, 3])) == 0)
    #expect(Grader.score(q, .choices([1, 3])) == 0)
  }

  @Test func shortAnswersIgnoreCaseSpacesAndPunctuation() {
    let q = questions["seven-cs"]!
    for typed in [
      "call once", "CALL ONCE", "  call   once. ", "Call-once", "call/visit once", "call visit once",
      "callvisit once",
    ] {
      #expect(Grader.score(q, .text(typed)) == 1, "\(typed)")
    }
    for typed in ["call twice", "once", ""] { #expect(Grader.score(q, .text(typed)) == 0, "\(typed)") }
    #expect(Grader.matches("don't", "dont"))
  }

  @Test func orderGivesCreditForItemsInTheirPlace() {
    let q = questions["journey"]!
    #expect(Grader.score(q, .order([0, 1, 2])) == 1)
    #expect(abs(Grader.score(q, .order([0, 2, 1])) - 1.0 / 3) < 1e-9)
    #expect(abs(Grader.score(q, .order([2, 1, 0])) - 1.0 / 3) < 1e-9)
    #expect(Grader.score(q, .order([1, 2, 0])) == 0)
  }

  @Test func matchGivesCreditPerPair() {
    let q = questions["pairs"]!
    #expect(Grader.score(q, .match([0: 0, 1: 1, 2: 2])) == 1)
    #expect(abs(Grader.score(q, .match([0: 0, 1: 2, 2: 1])) - 1.0 / 3) < 1e-9)
    #expect(Grader.score(q, .match([0: 1, 1: 2, 2: 0])) == 0)
  }

  @Test func shufflesAreSeededAndStable() {
    let a = Shuffle.permutation(count: 6, seed: 42, key: "q1")
    #expect(a == Shuffle.permutation(count: 6, seed: 42, key: "q1"))
    #expect(Set(a) == Set(0..<6))
    let seeds = (0..<20).map { Shuffle.permutation(count: 6, seed: UInt64($0), key: "q1") }
    #expect(Set(seeds).count > 10)
    for seed in 0..<200 {
      #expect(Shuffle.permutation(count: 2, seed: UInt64(seed), key: "o", avoidIdentity: true) == [1, 0])
      #expect(
        Shuffle.permutation(count: 4, seed: UInt64(seed), key: "o", avoidIdentity: true) != [0, 1, 2, 3])
    }
  }
}
