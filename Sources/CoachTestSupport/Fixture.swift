import CourseModel
import Foundation
import LearnerModel

/// A course built in code, its employee and a store holding them, for tests of the engine,
/// the terminal and the reports.
public enum Fixture {
  public static func paragraph(_ text: String) -> Block { Block(.paragraph([.text(text)])) }

  /// Three modules: "basics" for everyone (lesson, a five-question drill of every kind,
  /// beliefs of every kind), "managing" for managers only, and "closing" for everyone
  /// (the "care" statement again, and a creed).
  public static func course(pass: Int = 80) -> Course {
    let drill = Section(
      id: "check", title: "Check yourself",
      content: .drill(
        intro: [paragraph("Five questions.")],
        questions: [
          Question(
            id: "four-of-five", prompt: "A customer gives you four out of five. What does that tell you?",
            hints: ["Think about who stays."], explanation: [paragraph("Satisfaction is not loyalty.")],
            body: .choice([
              .init(text: "They are loyal", isCorrect: false, feedback: "Loyal customers give fives."),
              .init(text: "They may still leave", isCorrect: true),
              .init(text: "Nothing at all", isCorrect: false),
            ])),
          Question(
            id: "raving-fans", prompt: "Which make raving fans?",
            body: .choice([
              .init(text: "Consistency", isCorrect: true),
              .init(text: "Discounts", isCorrect: false),
              .init(text: "Recovery", isCorrect: true),
              .init(text: "Slogans", isCorrect: false),
            ])),
          Question(
            id: "seven-cs", prompt: "Which C means the customer calls only once?",
            body: .short(answers: ["call once", "call/visit once"])),
          Question(id: "journey", prompt: "Order the journey", body: .order(["Arrive", "Order", "Pay"])),
          Question(
            id: "pairs", prompt: "Match the moment",
            body: .match([
              .init(left: "Greeting", right: "Smile"), .init(left: "Complaint", right: "Listen"),
              .init(left: "Goodbye", right: "Thank"),
            ])),
        ]))
    let beliefs = Section(
      id: "start", title: "Where you start",
      content: .beliefs(
        intro: [paragraph("Say what you think.")],
        items: [
          BeliefItem(id: "care", prompt: "Looking after customers is part of my job.", body: .agree),
          BeliefItem(
            id: "often", prompt: "How often do you thank a customer?",
            body: .rate(labels: BeliefItem.defaultRateLabels)),
          BeliefItem(
            id: "story", prompt: "Write about a time you were served well.",
            guidance: [paragraph("Take a minute.")], body: .reflect),
          BeliefItem(
            id: "values", prompt: "Rank what matters", body: .rank(["Speed", "Warmth", "Accuracy"])),
        ]))
    let basics = Module(
      id: "basics", title: "The basics", file: "01.md", pass: pass,
      overview: [paragraph("Welcome to the basics.")],
      sections: [
        Section(
          id: "why", title: "Why it matters",
          content: .lesson([
            paragraph("Customers stay when they are cared for."), paragraph("Second paragraph."),
          ])),
        drill, beliefs,
      ])
    let managing = Module(
      id: "managing", title: "Managing", file: "02.md", pass: pass, audience: ["manager"],
      sections: [
        Section(id: "lead", title: "Lead", content: .lesson([paragraph("Managers set the tone.")])),
        Section(
          id: "lead-drill", title: "Lead drill",
          content: .drill(
            intro: [],
            questions: [
              Question(
                id: "tone", prompt: "Who sets the tone?",
                body: .choice([
                  .init(text: "The manager", isCorrect: true), .init(text: "Nobody", isCorrect: false),
                ]))
            ])),
      ])
    let closing = Module(
      id: "closing", title: "Closing", file: "03.md", pass: pass,
      sections: [
        Section(
          id: "end", title: "Where you are now",
          content: .beliefs(
            intro: [],
            items: [
              BeliefItem(id: "care", prompt: "Looking after customers is part of my job.", body: .agree)
            ])),
        Section(
          id: "creed", title: "Our creed",
          content: .creed(
            Creed(
              intro: [paragraph("Read and sign.")],
              statements: [
                .init(id: "creed-1", text: "We listen first."),
                .init(id: "creed-2", text: "We keep our word."),
              ],
              closing: [paragraph("Signing says you will try, not that you are perfect.")]))),
      ])
    return Course(
      id: "service", title: "Service", file: "course.md", pass: pass, roles: ["frontline", "manager"],
      introduction: [paragraph("Welcome to the course.")], modules: [basics, managing, closing])
  }

  public static func employee(role: String? = "frontline") -> Employee {
    Employee(id: try! EmployeeID("e1"), name: "Jane Doe", role: role, created: Date(timeIntervalSince1970: 0))
  }

  public static func store(for employee: Employee = employee()) throws -> InMemoryProgressStore {
    let store = InMemoryProgressStore()
    try store.saveEmployee(employee)
    return store
  }
}
