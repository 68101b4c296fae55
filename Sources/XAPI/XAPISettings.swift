/// What an organisation decides about its statements: who the learners are to the LRS
/// and under which address coach's activities are named.
///
/// Decide these once, before the first send. Statement ids depend on the home page
/// (whose employee ids they are) but on none of the others, so statements sent again
/// with another activity base, identity, names or language are refused by the LRS as
/// conflicts instead of being stored a second time.
public struct XAPISettings: Sendable, Hashable {
  /// How an actor is identified.
  public enum Identity: String, Sendable, Hashable, CaseIterable {
    /// An account: the home page and the employee id (the default).
    case account
    /// The employee's email address (`mbox`), for employees whose roster entry has one;
    /// the others keep their account.
    case email
  }

  /// The home page of the system the employee ids belong to (the sign-in or HR system).
  public var homePage: String
  /// Activity ids are `<activityBase>/courses/<course id>/...`.
  public var activityBase: String
  /// The language tag of the course's titles and texts.
  public var language: String
  public var identity: Identity
  /// Whether the actor carries the employee's name from the roster.
  public var includeNames: Bool

  public static let defaultHomePage = "https://coach.invalid/employees"
  public static let defaultActivityBase = "https://coach.invalid/xapi"
  public static let defaultLanguage = "en"

  /// Checks each setting.
  /// - Throws: ``XAPIError/badSetting(name:value:reason:)`` naming the setting.
  public init(
    homePage: String = defaultHomePage, activityBase: String = defaultActivityBase,
    language: String = defaultLanguage, identity: Identity = .account, includeNames: Bool = false
  ) throws(XAPIError) {
    try Self.checkURL(homePage, name: "--home-page", base: false)
    try Self.checkURL(activityBase, name: "--activity-base", base: true)
    try Self.checkLanguage(language)
    self.homePage = homePage
    self.activityBase = activityBase.hasSuffix("/") ? String(activityBase.dropLast()) : activityBase
    self.language = language
    self.identity = identity
    self.includeNames = includeNames
  }

  private static func checkURL(_ text: String, name: String, base: Bool) throws(XAPIError) {
    let lower = text.lowercased()
    guard let scheme = ["https://", "http://"].first(where: lower.hasPrefix) else {
      throw .badSetting(
        name: name, value: text, reason: "give an address that starts with https:// or http://")
    }
    let rest = text.dropFirst(scheme.count)
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard !host.isEmpty, !host.contains("@") else {
      throw .badSetting(
        name: name, value: text,
        reason: host.isEmpty
          ? "the address has no host name" : "the address must not hold a user name or password")
    }
    if let bad = text.unicodeScalars.first(where: {
      $0.properties.isWhitespace || $0.properties.generalCategory == .control
        || "<>\"{}|\\^`".unicodeScalars.contains($0)
    }) {
      throw .badSetting(
        name: name, value: text,
        reason: "U+\(String(bad.value, radix: 16, uppercase: true)) is not allowed in an address")
    }
    if base, text.contains("?") || text.contains("#") {
      throw .badSetting(
        name: name, value: text, reason: "activity ids are added after it: leave out '?' and '#'")
    }
  }

  /// A BCP 47 tag in its common shape: a 2-3 letter language, then subtags of 1-8
  /// letters or digits (`en`, `en-GB`, `pt-BR`, `zh-Hant`).
  private static func checkLanguage(_ tag: String) throws(XAPIError) {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    let ascii = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
    guard let first = parts.first, (2...3).contains(first.count),
      first.allSatisfy({ $0.isASCII && $0.isLetter }),
      parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy(ascii) })
    else {
      throw .badSetting(name: "--language", value: tag, reason: "give a language tag such as en, en-GB or fr")
    }
  }
}

/// The IRIs coach defines: statement extensions and the creed's activity type. They are
/// fixed (not a setting), so that every organisation's statements mean the same.
public enum Vocabulary {
  public static let base = "https://coach.invalid/xapi"
  public static func extensionIRI(_ name: String) -> String { "\(base)/extensions/\(name)" }
  public static let creedType = "\(base)/activity-types/creed"

  /// `pre` or `post`: the first place a repeated belief statement is asked, or a later one.
  public static let phase = extensionIRI("phase")
  /// The attempt number of a drill answer (1 for the first answer to the question).
  public static let attempt = extensionIRI("attempt")
  /// How a drill answer compares with the question as it is now, when it is not current.
  public static let answerVersion = extensionIRI("answer-version")
  /// The response as coach recorded it, for an answer to an earlier version.
  public static let recordedResponse = extensionIRI("recorded-response")
  /// The drill's version (its questions and answer keys) a pass was recorded against.
  public static let drillVersion = extensionIRI("drill-version")
  /// The pass mark, in percent, a drill was passed or failed against.
  public static let passMark = extensionIRI("pass-mark")
  /// The creed's version (a hash of its text) that was signed.
  public static let creedVersion = extensionIRI("creed-version")
  /// The course's version (a hash of its content) last taken.
  public static let courseVersion = extensionIRI("course-version")
  /// `true` when a reflection or a creed note was written but is private: its text stays
  /// in coach.
  public static let responseWithheld = extensionIRI("response-withheld")
}
