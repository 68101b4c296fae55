import CourseModel
import CourseProgress
import LearnerModel

/// What the session shows now and what input it waits for. Front ends render it; the
/// engine never draws.
public struct Screen: Sendable, Hashable {
  /// What kind of screen this is: front ends page lessons and pause after feedback.
  public enum Kind: Sendable, Hashable {
    case home, page, question, feedback, drillResult, belief, share, echo, statement, signature, signed,
      moduleDone, courseDone, finished
  }

  /// The tone of a line of text.
  public enum Tone: Sendable, Hashable {
    case plain, title, dim, good, bad, warn, accent, prompt
  }

  /// One part of the body.
  public enum Part: Sendable, Hashable {
    /// A paragraph of plain text.
    case text(String, Tone)
    /// Markdown content.
    case blocks([Block])
    /// Options numbered from 1: `1. text`.
    case numbered([String])
    /// Options lettered from a: `a. text`.
    case lettered([String])
    /// The course home's module table; `next` marks the module Continue opens.
    case modules([ModuleProgress], next: Int?)
    /// An empty line.
    case blank
  }

  /// The input the screen waits for.
  public enum Input: Sendable, Hashable {
    /// A key: Enter or space for next; `back` says whether b goes back.
    case keys(back: Bool)
    /// One line, after the prompt `? <prompt>`.
    case line(prompt: String)
    /// Several lines ended by an empty line or end of input, after `? <prompt>`.
    case lines(prompt: String)
    /// Nothing: the session is over.
    case none
  }

  public var kind: Kind
  /// Where we are: the course, then module and section titles.
  public var location: [String]
  /// How far along, e.g. "question 2 of 5".
  public var progress: String?
  public var parts: [Part]
  public var input: Input
  /// A one-line hint after input that was not accepted.
  public var notice: String?
  /// The help text, when the employee asked for it.
  public var help: [String]?
  /// For lesson pages: where the page to show opens.
  public var pageStart = PagePosition.start
  /// For a reflection begun earlier: the lines kept, which the employee goes on from.
  public var draft: [String] = []

  public init(
    kind: Kind, location: [String] = [], progress: String? = nil, parts: [Part] = [], input: Input,
    notice: String? = nil, help: [String]? = nil
  ) {
    self.kind = kind
    self.location = location
    self.progress = progress
    self.parts = parts
    self.input = input
    self.notice = notice
    self.help = help
  }
}
