import Foundation

/// Where an employee is in a course, for exact resume.
public struct Bookmark: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The section, if inside one.
  public var sectionID: String?
  /// The page or item the employee is at; `nil` when a store holds a position this build
  /// cannot read (the session then starts at the first unfinished step).
  public var position: Position?
  public var updated: Date

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String? = nil,
    position: Position? = nil, updated: Date = Date()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.position = position
    self.updated = updated
  }
}

extension Bookmark {
  /// Where in the module or section the employee is.
  ///
  /// Stores keep it as text (``storedText``), in the forms coach has written since
  /// progress was first kept, so every store resumes exactly: `intro`, `overview`,
  /// `block:N` or `block:N+L`, `q:<item>`, `retry:<item>`, `result`, `item:<item>`,
  /// `draft:<item>` or `share:<item>` then a newline and the reflection's text, `sign`,
  /// `end`. A draft or pending share sealed with the employee's key is kept as
  /// `sealed-draft:<item>` or `sealed-share:<item>`, a newline and the sealed bytes in
  /// base64 (a coach older than sealing reads those as no position and starts at the
  /// first unfinished step).
  public enum Position: Sendable, Hashable, Codable {
    /// The course introduction.
    case introduction
    /// A module's overview.
    case overview
    /// A lesson, at the page that opens at this place.
    case lesson(PagePosition)
    /// A drill question; `retry` when it is asked again in a retry round.
    case question(item: String, retry: Bool)
    /// A drill's result screen.
    case drillResult
    /// A belief item or a creed statement.
    case item(String)
    /// A reflection begun: the lines typed so far.
    case draft(item: String, text: String)
    /// A reflection written but not yet sent: whether to share it is still to be asked.
    case share(item: String, text: String)
    /// A draft sealed with the employee's key (what stores keep instead of ``draft(item:text:)``).
    case sealedDraft(item: String, SealedText)
    /// A pending share sealed with the employee's key (kept instead of ``share(item:text:)``).
    case sealedShare(item: String, SealedText)
    /// Signing a creed.
    case signature
    /// The end of the course.
    case end

    /// Reads a stored position; `nil` for text in none of the forms.
    public init?(storedText text: String) {
      let word: Substring
      let rest: Substring
      if let colon = text.firstIndex(of: ":") {
        word = text[..<colon]
        rest = text[text.index(after: colon)...]
      } else {
        word = text[...]
        rest = ""
      }
      switch word {
      case "intro": self = .introduction
      case "overview": self = .overview
      case "result": self = .drillResult
      case "sign": self = .signature
      case "end": self = .end
      case "block": self = .lesson(PagePosition(String(rest)) ?? .start)
      case "q": self = .question(item: String(rest), retry: false)
      case "retry": self = .question(item: String(rest), retry: true)
      case "item": self = .item(String(rest))
      case "draft", "share":
        let parts = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let item = String(parts[0])
        let typed = parts.count > 1 ? String(parts[1]) : ""
        self = word == "draft" ? .draft(item: item, text: typed) : .share(item: item, text: typed)
      case "sealed-draft", "sealed-share":
        let parts = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let sealed = SealedText(base64: String(parts[1])) else { return nil }
        let item = String(parts[0])
        self = word == "sealed-draft" ? .sealedDraft(item: item, sealed) : .sealedShare(item: item, sealed)
      default: return nil
      }
    }

    /// Whether the position holds private text in the clear (a draft or pending share
    /// that is not sealed).
    public var holdsPlainText: Bool {
      switch self {
      case .draft, .share: true
      default: false
      }
    }

    /// The item a draft or pending share belongs to, sealed or not.
    public var reflectionItem: String? {
      switch self {
      case .draft(let item, _), .share(let item, _), .sealedDraft(let item, _), .sealedShare(let item, _):
        item
      default: nil
      }
    }

    /// The position as stores keep it.
    public var storedText: String {
      switch self {
      case .introduction: "intro"
      case .overview: "overview"
      case .lesson(let page): "block:\(page)"
      case .question(let item, let retry): (retry ? "retry:" : "q:") + item
      case .drillResult: "result"
      case .item(let item): "item:\(item)"
      case .draft(let item, let text): "draft:\(item)\n\(text)"
      case .share(let item, let text): "share:\(item)\n\(text)"
      case .sealedDraft(let item, let sealed): "sealed-draft:\(item)\n\(sealed.base64)"
      case .sealedShare(let item, let sealed): "sealed-share:\(item)\n\(sealed.base64)"
      case .signature: "sign"
      case .end: "end"
      }
    }
  }
}

/// Where a page of a lesson opens: a top-level block, and a line inside it when a block
/// is longer than a page.
public struct PagePosition: Sendable, Hashable, Codable, CustomStringConvertible {
  public var block: Int
  public var line: Int

  public init(block: Int, line: Int = 0) {
    self.block = block
    self.line = line
  }

  /// The first page.
  public static let start = PagePosition(block: 0)
  /// The last page (when going back into a lesson); never stored.
  public static let end = PagePosition(block: Int.max)

  /// `N` or `N+L`, as bookmarks store it.
  public var description: String { line == 0 ? "\(block)" : "\(block)+\(line)" }

  /// Reads `N` or `N+L`; `nil` for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "+", omittingEmptySubsequences: false)
    guard parts.count <= 2, let block = Int(parts[0]), block >= 0 else { return nil }
    let line = parts.count == 2 ? Int(parts[1]) : 0
    guard let line, line >= 0 else { return nil }
    self.init(block: block, line: line)
  }
}
