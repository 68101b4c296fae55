import CourseModel
import LearnerModel

/// Where one part of a module stands: its overview, or one of its sections. What a
/// module's outline lists, so the employee sees what is read, answered, passed and signed.
public struct SectionProgress: Sendable, Hashable {
  /// How the part stands.
  public enum State: Sendable, Hashable {
    /// The overview or a lesson: read to its end or not.
    case page(read: Bool)
    /// A drill: questions answered at least once, and its standing.
    case drill(answered: Int, standing: DrillStanding, passMark: Int)
    /// Belief items answered, of the section's items.
    case beliefs(answered: Int, total: Int)
    /// Creed statements noted, of its statements, and whether this version is signed.
    case creed(noted: Int, total: Int, signed: Bool)
  }

  /// The section's index in the module; `nil` for the module's overview.
  public var section: Int?
  /// The section's kind; `nil` for the overview.
  public var kind: Section.Kind?
  /// The section's title ("Overview" for the overview).
  public var title: String
  /// The steps of this part.
  public var steps: Range<Int>
  public var state: State

  /// Whether nothing is left to do here (a creed counts as finished once every
  /// statement has its note, signed or not).
  public var isFinished: Bool {
    switch state {
    case .page(let read): read
    case .drill(_, let standing, _): standing.passed
    case .beliefs(let answered, let total): answered == total
    case .creed(let noted, let total, _): noted == total
    }
  }

  /// Whether anything was done here yet.
  public var isStarted: Bool {
    switch state {
    case .page(let read): read
    case .drill(let answered, _, _): answered > 0
    case .beliefs(let answered, _): answered > 0
    case .creed(let noted, _, let signed): noted > 0 || signed
    }
  }
}

extension Standing {
  /// The overview and every section of module `m`, in order, as its outline lists them;
  /// empty for a module that is not for the employee's role.
  public func sections(ofModule m: Int) -> [SectionProgress] {
    let range = plan.moduleSteps[m]
    guard !range.isEmpty else { return [] }
    let module = plan.course.modules[m]
    var parts: [SectionProgress] = []
    for index in range {
      let step = plan.steps[index]
      if step.kind == .overview {
        parts.append(
          SectionProgress(
            section: nil, kind: nil, title: "Overview", steps: index..<index + 1,
            state: .page(read: isDone(index))))
      }
    }
    for (s, section) in module.sections.enumerated() {
      let steps = range.filter { plan.steps[$0].section == s }
      guard let first = steps.first, let last = steps.last else { continue }
      let state: SectionProgress.State
      switch section.content {
      case .lesson: state = .page(read: isDone(first))
      case .drill:
        let answered = steps.filter { plan.steps[$0].kind != .drillResult && hasRecord($0) }.count
        state = .drill(answered: answered, standing: drill(near: first), passMark: module.pass)
      case .beliefs(_, let items):
        state = .beliefs(answered: steps.filter(hasRecord).count, total: items.count)
      case .creed(let creed):
        let noted = steps.filter {
          if case .statement = plan.steps[$0].kind { return hasRecord($0) }
          return false
        }.count
        let signed = ledger.hasSigned(module: module.id, section: section.id, hash: creed.contentHash)
        state = .creed(noted: noted, total: creed.statements.count, signed: signed)
      }
      parts.append(
        SectionProgress(
          section: s, kind: section.kind, title: section.title, steps: first..<last + 1, state: state))
    }
    return parts
  }
}
