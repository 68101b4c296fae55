import CourseModel
import CourseProgress

/// The end of the course: what was done, each drill's first and best score, the creed
/// signed or not, and the time spent.
extension ScreenBuilder {
  /// What the end-of-course screen (and a certificate) shows.
  var summary: CourseSummary {
    CourseSummary(
      standing: standing, employee: employee, started: session.started, completed: session.completed)
  }

  func courseDoneScreen() -> Screen {
    let summary = self.summary
    let unfinished = standing.modules().filter { !$0.status.isFinished }
    var parts: [Screen.Part]
    if unfinished.isEmpty {
      parts = [.text(Self.sentence("You have finished \(plan.course.title)") + " Well done!", .good)]
    } else {
      parts = [
        .text("You reached the end of \(plan.course.title). Still to finish:", .plain),
        .numbered(unfinished.map { "Module \($0.index + 1), \($0.title): \($0.status.label)" }),
      ]
    }
    parts += [.blank, .summary(summary)]
    for creed in summary.creeds where !creed.signed {
      parts.append(
        .text(
          "You can sign the creed whenever you are ready: open module \(creed.module + 1)'s outline (m) and "
            + "choose the creed.", .dim))
    }
    if unfinished.isEmpty && session.completed != nil {
      parts += [
        .blank,
        .text(
          "To print your certificate of completion: coach certificate --employee \(employee.id) --course "
            + "\(plan.course.id) -o certificate.html", .plain),
      ]
    }
    return Screen(
      kind: .courseDone, location: [plan.course.title], parts: parts, input: .keys(back: false))
  }
}
