import CourseModel
import CourseProgress
import LearnerModel

/// What the session shows now and what input it waits for. Front ends render it; the
/// engine never draws.
public struct Screen: Sendable, Hashable {
  /// What kind of screen this is: front ends page lessons and pause after feedback.
  public enum Kind: Sendable, Hashable {
    case home, outline, answers, page, question, feedback, drillResult, belief, share, echo, statement,
      signature, signed, notSigned, moduleDone, courseDone, finished
    /// Before a course is open: the sign-in, the passphrase, the choice of course. Its keys
    /// are only Enter, q and ?: there is no outline or home yet.
    case setup
  }

  /// A list on the screen the employee can pick from with the arrow keys: the choices of
  /// a question, a scale, the modules of the course home, the parts of an outline.
  public struct PickList: Sendable, Hashable {
    /// How many numbers the prompt takes from the list.
    public enum Picks: Sendable, Hashable {
      /// One number: the arrow keys put the highlighted number in the answer.
      case one
      /// Several (select all that apply), or all of them in an order (order, rank):
      /// space adds or removes the highlighted number.
      case several
    }

    /// The index in ``Screen/parts`` of the `.numbered` or `.modules` part.
    public var part: Int
    /// How many options the list has (numbered from 1).
    public var count: Int
    public var picks: Picks
    /// The option highlighted when the screen opens (0-based), if any.
    public var highlighted: Int?

    public init(part: Int, count: Int, picks: Picks, highlighted: Int? = nil) {
      self.part = part
      self.count = count
      self.picks = picks
      self.highlighted = highlighted
    }
  }

  /// The tone of a line of text.
  public enum Tone: Sendable, Hashable {
    case plain, title, dim, good, bad, warn, accent, prompt
  }

  /// One part of the body.
  public enum Part: Sendable, Hashable {
    /// A paragraph of plain text.
    case text(String, Tone)
    /// Text set in under what it answers (an answer, a reflection: its line breaks kept).
    case indented(String, Tone)
    /// Markdown content.
    case blocks([Block])
    /// Options numbered from 1: `1. text`.
    case numbered([String])
    /// Options lettered from a: `a. text`.
    case lettered([String])
    /// The course home's module table; `next` marks the module Continue opens.
    case modules([ModuleProgress], next: Int?)
    /// Options numbered from 1 with what is known about each, shown after it: the
    /// parts of a module's outline, say (`2. Lesson: Say hello · read`).
    case described([Described])
    /// A choice of a question after it was answered, marked: `mark` says whether it was
    /// chosen and whether it is right, in words.
    case reviewed([Review])
    /// A before-and-after: a statement, then what was answered earlier and now.
    case compared([Comparison])
    /// The end-of-course summary: modules, drills' first and best scores, the creed,
    /// the time spent.
    case summary(CourseSummary)
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
  /// For a reflection: the most characters it may have (the front end stops keeping
  /// lines past it and says how much was over).
  public var lengthLimit: Int?
  /// The list the arrow keys move in, if any.
  public var list: PickList?
  /// On menus (the course home, an outline): the letters that act at once when the
  /// answer line is empty, as on a screen that waits for a key.
  public var menuKeys: Set<Character> = []
  /// Which way-around keys the screen offers.
  public var navigation = Navigation.course

  /// The keys that go around: a course's, or a review's.
  public enum Navigation: Sendable, Hashable {
    /// m (or /m) this module's outline, h (or /h) the course home.
    case course
    /// `coach review`: h (or /h) ends the review; a review has no module outline.
    case review
  }

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

extension Screen {
  /// One option of an answered question, and what the employee did with it.
  public struct Review: Sendable, Hashable {
    /// How an option stands after the answer.
    public enum Mark: Sendable, Hashable {
      /// Not chosen, and not right: nothing to say.
      case none
      /// Chosen, and right.
      case chosenRight
      /// Chosen, and not right.
      case chosenWrong
      /// Right, and not chosen.
      case missed
      /// A single-choice question's right answer, which was not chosen.
      case theRightAnswer
      /// An order or match line: where it goes, and what was given instead (`nil`:
      /// given right).
      case placed(given: String?)
    }

    public var text: String
    public var mark: Mark

    public init(_ text: String, _ mark: Mark) {
      self.text = text
      self.mark = mark
    }

    /// The mark in words, for screens and screen readers alike.
    public var words: String? {
      switch mark {
      case .none: nil
      case .chosenRight: "your choice, right"
      case .chosenWrong: "your choice, not right"
      case .missed: "right, you did not choose it"
      case .theRightAnswer: "the right answer"
      case .placed(let given): given.map { "you had \($0)" } ?? "you had it right"
      }
    }

    /// Whether the mark says something went wrong here.
    public var isMiss: Bool {
      switch mark {
      case .chosenWrong, .missed, .theRightAnswer: true
      case .placed(let given): given != nil
      case .none, .chosenRight: false
      }
    }
  }

  /// An option of a list with what is known about it (`Lesson: Say hello`, `read`).
  public struct Described: Sendable, Hashable {
    public var text: String
    public var state: String
    /// Whether the state reads as done (shown in the "good" colour).
    public var done: Bool

    public init(_ text: String, _ state: String, done: Bool = false) {
      self.text = text
      self.state = state
      self.done = done
    }
  }

  /// A statement and its answers: earlier (in another module) and now.
  public struct Comparison: Sendable, Hashable {
    public var statement: String
    /// Where it was asked before ("module 1"), if it was.
    public var beforeLabel: String?
    /// What was answered there.
    public var before: String?
    /// What was answered now; `nil` when it was not answered yet.
    public var now: String?

    public init(statement: String, beforeLabel: String?, before: String?, now: String?) {
      self.statement = statement
      self.beforeLabel = beforeLabel
      self.before = before
      self.now = now
    }
  }
}
