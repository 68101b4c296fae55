/// A problem found in a course, with the place it was found.
///
/// Course text quoted in a message, a fix or a related note is kept with its control
/// characters and bidirectional overrides made visible (see ``Swift/String/sanitizedForTerminal``),
/// so a diagnostic can be printed as it is.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  /// How serious a diagnostic is: errors make `coach check` fail, warnings only with `--strict`.
  public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
  }

  /// A second place that explains a diagnostic: the first use of a duplicate id, the
  /// heading of the question. Printed as a `note:` line after the diagnostic.
  public struct Related: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
      self.location = location
      self.message = message.sanitizedForTerminal
    }

    /// `path:line:column: note: message`.
    public var description: String { "\(location): note: \(message)" }
  }

  public var severity: Severity
  /// Where the offending text starts.
  public var location: SourceLocation
  /// Where the offending text ends, when known: the line and the column just after its
  /// last byte (so a one-byte problem at column 5 ends at column 6).
  public var end: SourceLocation?
  public var message: String
  /// The text to write instead, when the message suggests one.
  public var fix: String?
  public var related: [Related]

  public init(
    _ severity: Severity, _ location: SourceLocation, _ message: String, end: SourceLocation? = nil,
    fix: String? = nil, related: [Related] = []
  ) {
    self.severity = severity
    self.location = location
    self.message = message.sanitizedForTerminal
    self.end = end
    self.fix = fix?.sanitizedForTerminal
    self.related = related
  }

  /// `path:line:column: error|warning: message`, one line (the notes are in ``related``).
  public var description: String { "\(location): \(severity.rawValue): \(message)" }

  /// The diagnostic and its notes, one line each, as editors and CI read them.
  public var lines: [String] { [description] + related.map(\.description) }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
