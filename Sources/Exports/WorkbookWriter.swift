import CourseModel
import Printing

/// Writes a course as one printable HTML workbook for an in-person session.
///
/// The learner edition holds what a learner works through on paper: the course
/// introduction, then each module on a new page with its overview, lessons, drill questions
/// (boxes to tick, lines to write, numbered blanks, a matching grid), belief exercises
/// (scales with a box per point, room to write, blanks to rank) and the creed with a
/// signature line. It never holds an answer, feedback, hint, explanation or facilitator
/// note. The facilitator edition adds those: right choices ticked, accepted answers, the
/// right order and pairs, feedback, explanations and hints, and every `Facilitator:` note
/// of the course, its modules and sections, set apart in a shaded, labelled box.
public struct WorkbookWriter: Sendable {
  /// Who the workbook is printed for.
  public enum Edition: String, Sendable, Hashable, CaseIterable {
    case learner, facilitator
  }

  public var edition: Edition
  /// Leaves out modules whose audience does not include this role; `nil` keeps every module.
  public var role: String?

  public init(edition: Edition = .learner, role: String? = nil) {
    self.edition = edition
    self.role = role
  }

  var isFacilitator: Bool { edition == .facilitator }

  /// The modules of `course` this workbook prints.
  /// - Throws: `ExportError.unknownRole` when `role` is not one of the course's roles,
  ///   `ExportError.noModules` when no module is for it.
  public func modules(of course: Course) throws(ExportError) -> [Module] {
    guard let role else { return course.modules }
    guard course.roles.contains(role) else {
      throw .unknownRole(role, courseID: course.id, roles: course.roles)
    }
    let modules = course.modules.filter { $0.isFor(role: role) }
    guard !modules.isEmpty else { throw .noModules(courseID: course.id, role: role) }
    return modules
  }

  /// The whole workbook: a self-contained HTML document.
  /// - Throws: as `modules(of:)`.
  public func write(_ course: Course) throws(ExportError) -> String {
    let modules = try modules(of: course)
    var body = cover(course, modules: modules)
    for (index, module) in modules.enumerated() {
      body += self.module(module, number: index + 1, of: modules.count)
    }
    let label = isFacilitator ? "Facilitator edition" : "Learner workbook"
    return HTMLPage(
      title: "\(course.title): \(label.lowercased())", body: body, css: Self.css,
      footer: "\(course.title) \u{B7} \(label)"
    ).html
  }

  /// The first page: title, edition, the introduction with the list of modules where the
  /// trainer put the contents, and the course's facilitator notes.
  private func cover(_ course: Course, modules: [Module]) -> String {
    var out = "<header class=\"cover\">\n"
    out +=
      isFacilitator
      ? "<p class=\"edition\">Facilitator edition: with answers and facilitator notes. "
        + "Not for handing out.</p>\n"
      : "<p class=\"edition\">Learner workbook</p>\n"
    out += "<h1>" + HTML.escape(course.title) + "</h1>\n"
    if let role { out += "<p class=\"for\">For the role: " + HTML.escape(role) + "</p>\n" }
    if !isFacilitator {
      out += "<div class=\"signature name\"><div>Your name</div><div>Date</div></div>\n"
    }
    out += "</header>\n"
    out += notes(course.facilitator)
    out += Array(course.introduction.prefix(course.contentsIndex)).html
    out += "<ol class=\"contents\">\n"
    for module in modules {
      out += "<li>" + HTML.escape(module.title) + audienceNote(module, tag: "span") + "</li>\n"
    }
    out += "</ol>\n"
    out += Array(course.introduction.dropFirst(course.contentsIndex)).html
    return out
  }

  private func module(_ module: Module, number: Int, of total: Int) -> String {
    var out = "<section class=\"module new-page\" id=\"module-\(HTML.escapeAttribute(module.id))\">\n"
    out += "<p class=\"module-number\">Module \(number) of \(total)</p>\n"
    out += "<h1>" + HTML.escape(module.title) + "</h1>\n"
    out += audienceNote(module, tag: "p")
    out += module.overview.html
    out += notes(module.facilitator)
    for section in module.sections { out += self.section(section) }
    out += "</section>\n"
    return out
  }

  /// "For: manager, leader" for a module with an audience; nothing for everyone's modules.
  private func audienceNote(_ module: Module, tag: String) -> String {
    guard !module.audience.isEmpty else { return "" }
    return "<\(tag) class=\"audience\">For: " + HTML.escape(module.audience.joined(separator: ", "))
      + "</\(tag)>"
      + (tag == "p" ? "\n" : "")
  }

  private func section(_ section: Section) -> String {
    let kind: String
    switch section.kind {
    case .lesson: kind = "Lesson"
    case .drill: kind = "Skills drill"
    case .beliefs: kind = "Belief exercise"
    case .creed: kind = "Creed"
    }
    var out = "<section class=\"\(section.kind.rawValue)\">\n"
    out += "<h2><span class=\"kind\">\(kind)</span> " + HTML.escape(section.title) + "</h2>\n"
    out += notes(section.facilitator)
    switch section.content {
    case .lesson(let blocks):
      out += blocks.html
    case .drill(let intro, let questions):
      out += intro.html
      for (index, question) in questions.enumerated() { out += self.question(question, number: index + 1) }
    case .beliefs(let intro, let items):
      out += "<p class=\"instruction\">No answer here is right or wrong, and nothing is scored.</p>\n"
      out += intro.html
      out += beliefs(items)
    case .creed(let creed):
      out += self.creed(creed)
    }
    out += "</section>\n"
    return out
  }

  /// Facilitator notes in a labelled box; nothing in the learner edition.
  func notes(_ notes: [FacilitatorNote]) -> String {
    guard isFacilitator else { return "" }
    return notes.map {
      "<aside class=\"facilitator\">\n<p class=\"label\">Facilitator note</p>\n" + $0.blocks.html
        + "</aside>\n"
    }.joined()
  }

  /// Empty ruled lines to write on.
  static func lines(_ count: Int) -> String {
    "<div class=\"write\">" + String(repeating: "<div class=\"line\"></div>", count: count) + "</div>\n"
  }
}
