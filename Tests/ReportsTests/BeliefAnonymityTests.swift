import CoachTestSupport
import CourseModel
import Foundation
import LearnerModel
import Reports
import Testing

/// The beliefs report's anonymity rule on figures made up for the purpose.
@Suite("Belief anonymity") struct BeliefAnonymityTests {
  let course = Fixture.course()

  /// `care` (asked before and after) answered by `sizes[cohort]` people, each moving 2 to 4.
  func statistics(_ sizes: [String?: Int]) -> [BeliefStatistics] {
    sizes.sorted { BeliefStatistics.cohortOrder($0.key, $1.key) }.map { cohort, n in
      BeliefStatistics(
        itemID: "care", cohort: cohort, respondents: n, points: [PointCount(point: 4, count: n)],
        changes: [PointChange(before: 2, after: 4, count: n)])
    }
  }

  func care(_ report: BeliefReport) throws -> BeliefReport.Item {
    try #require(report.items.first { $0.id == "care" })
  }

  @Test("a group of five is shown, a group of four is not", arguments: [(4, false), (5, true), (9, true)])
  func threshold(_ n: Int, _ shown: Bool) throws {
    let item = try care(BeliefReport(course: course, statistics: statistics(["a": n])))
    #expect(item.shown == shown)
    #expect(item.respondents == n)
    #expect((item.before != nil) == shown && (item.after != nil) == shown && (item.meanShift != nil) == shown)
    if !shown { #expect(item.hidden == BeliefReport.hiddenText) }
    if shown { #expect(item.before?[1] == n && item.after?[3] == n && item.movedUp == n) }
  }

  @Test("the threshold can be raised, and is never below three")
  func configurable() throws {
    #expect(
      try care(BeliefReport(course: course, statistics: statistics(["a": 6]), minimumGroup: 7)).shown == false
    )
    let lowered = BeliefReport(course: course, statistics: statistics(["a": 3]), minimumGroup: 1)
    #expect(lowered.minimumGroup == 3)
    #expect(try care(lowered).shown == true)
    #expect(
      try care(BeliefReport(course: course, statistics: statistics(["a": 2]), minimumGroup: 1)).shown == false
    )
  }

  @Test("a cohort is shown only when no other cohort is small enough to be worked out from it")
  func differencing() throws {
    let groups = statistics(["a": 6, "b": 7, nil: 2])
    // The whole course (15) is shown; so would be a and b, which would give away the
    // two employees without a cohort: 15 - 6 - 7.
    #expect(try care(BeliefReport(course: course, statistics: groups)).shown == true)
    let a = try care(BeliefReport(course: course, statistics: groups, cohort: "a"))
    #expect(a.shown == false && a.before == nil)
    #expect(a.hidden?.contains("another cohort has fewer than 5") == true)
    let even = statistics(["a": 6, "b": 7, nil: 5])
    let shown = try care(BeliefReport(course: course, statistics: even, cohort: "a"))
    #expect(shown.shown == true && shown.respondents == 6 && shown.before?[1] == 6)
  }

  @Test("reflections: counted, and only shared ones shown, whatever the group's size")
  func reflections() throws {
    let stats = [
      BeliefStatistics(itemID: "story", cohort: "a", respondents: 2, written: 2, shared: ["Shared one."])
    ]
    let item = try #require(BeliefReport(course: course, statistics: stats).items.first { $0.id == "story" })
    #expect(item.written == 2 && item.shared == ["Shared one."])
  }
}
