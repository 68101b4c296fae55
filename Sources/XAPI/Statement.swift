import Foundation

/// One xAPI 1.0.3 statement, as coach writes it: the parts of the data model coach
/// uses, each optional part left out when it is `nil`.
public struct Statement: Sendable, Hashable, Encodable {
  public var id: UUID
  public var actor: Agent
  public var verb: Verb
  public var object: Activity
  public var result: Result?
  public var context: Context?
  /// ISO 8601 with a zone, to the millisecond (``Timestamp/iso8601(_:)``).
  public var timestamp: String

  /// The kind of record a statement was made from (how `coach export xapi` counts them); not
  /// part of the statement sent.
  public var kind: Kind

  /// What a statement was made from.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    /// An enrolment started.
    case registered
    /// A page read to its end.
    case pageRead = "page-read"
    /// A drill question answered.
    case answer
    /// A drill passed (a recorded pass).
    case drillPassed = "drill-passed"
    /// A drill round finished below its pass mark.
    case drillFailed = "drill-failed"
    /// A belief item answered.
    case belief
    /// A note on a creed statement.
    case creedNote = "creed-note"
    /// A creed signed.
    case creedSigned = "creed-signed"
    /// A module finished.
    case moduleCompleted = "module-completed"
    /// A course completed.
    case courseCompleted = "course-completed"
  }

  enum CodingKeys: String, CodingKey {
    case id, actor, verb, object, result, context, timestamp
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id.uuidString.lowercased(), forKey: .id)
    try container.encode(actor, forKey: .actor)
    try container.encode(verb, forKey: .verb)
    try container.encode(object, forKey: .object)
    try container.encodeIfPresent(result, forKey: .result)
    try container.encodeIfPresent(context, forKey: .context)
    try container.encode(timestamp, forKey: .timestamp)
  }
}

/// A language map: language tag to text.
public typealias LanguageMap = [String: String]

/// The learner: an Agent identified by an account, or by an email address.
public struct Agent: Sendable, Hashable, Encodable {
  public struct Account: Sendable, Hashable, Encodable {
    public var homePage: String
    public var name: String
  }

  public var objectType = "Agent"
  public var name: String?
  public var account: Account?
  /// `mailto:` and the address.
  public var mbox: String?
}

public struct Verb: Sendable, Hashable, Encodable {
  public var id: String
  public var display: LanguageMap
}

public struct Activity: Sendable, Hashable, Encodable {
  public var objectType = "Activity"
  public var id: String
  public var definition: Definition?

  public init(id: String, definition: Definition? = nil) {
    self.id = id
    self.definition = definition
  }
}

/// An activity's definition; the interaction parts only for `cmi.interaction`.
public struct Definition: Sendable, Hashable, Encodable {
  public var name: LanguageMap?
  public var description: LanguageMap?
  public var type: String?
  public var interactionType: String?
  public var correctResponsesPattern: [String]?
  public var choices: [Component]?
  public var scale: [Component]?
  public var source: [Component]?
  public var target: [Component]?

  public init(
    name: LanguageMap? = nil, description: LanguageMap? = nil, type: String? = nil,
    interactionType: String? = nil, correctResponsesPattern: [String]? = nil, choices: [Component]? = nil,
    scale: [Component]? = nil, source: [Component]? = nil, target: [Component]? = nil
  ) {
    self.name = name
    self.description = description
    self.type = type
    self.interactionType = interactionType
    self.correctResponsesPattern = correctResponsesPattern
    self.choices = choices
    self.scale = scale
    self.source = source
    self.target = target
  }
}

/// An interaction component: an id without white space and its text.
public struct Component: Sendable, Hashable, Encodable {
  public var id: String
  public var description: LanguageMap
}

public struct Result: Sendable, Hashable, Encodable {
  public struct Score: Sendable, Hashable, Encodable {
    public var scaled: Double
    public var raw: Double
    public var min: Double
    public var max: Double
  }

  public var score: Score?
  public var success: Bool?
  public var completion: Bool?
  public var response: String?
  public var extensions: [String: ExtensionValue]?

  public init(
    score: Score? = nil, success: Bool? = nil, completion: Bool? = nil, response: String? = nil,
    extensions: [String: ExtensionValue]? = nil
  ) {
    self.score = score
    self.success = success
    self.completion = completion
    self.response = response
    self.extensions = extensions
  }
}

public struct Context: Sendable, Hashable, Encodable {
  public struct Activities: Sendable, Hashable, Encodable {
    public var parent: [Activity]?
    public var grouping: [Activity]?
  }

  public var registration: String
  public var contextActivities: Activities?
  public var revision: String?
  public var platform: String
  public var language: String
  public var extensions: [String: ExtensionValue]?
}

/// A value in an extension map.
public enum ExtensionValue: Sendable, Hashable, Encodable {
  case string(String)
  case int(Int)
  case bool(Bool)

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .int(let number): try container.encode(number)
    case .bool(let flag): try container.encode(flag)
    }
  }
}
