import Foundation
import LearnerModel
import SessionEngine

/// The passphrase: chosen once, asked at the start of every session, before anything of
/// the employee's is shown. It opens the key that seals their private text, so it is the
/// proof of who they are on a store that others use too.
extension Runner {
  /// Why setting up a session stopped before the course.
  enum SetupStop: Error {
    case quit
    case interrupted
    case failed(String)
  }

  /// Asks for the passphrase (or for a new one, the first time) and opens the employee's
  /// records with it: the store returned seals and opens their private text.
  /// - Parameter known: The employee as the store knows them, or `nil` for a new one
  ///   (whose row is saved first, since the key belongs to it).
  func unlock(_ id: EmployeeID, known: Employee?, given: Identity) async throws -> any ProgressStore {
    let lock = options.lock
    if let wrapped = try await store.wrappedKey(of: id) {
      return try await enter(wrapped)
    }
    let chosen = try await choosePassphrase(for: id)
    if known == nil {
      try await store.saveEmployee(
        Employee(id: id, name: given.name ?? "", role: given.role, cohort: given.cohort, created: now()))
    }
    do {
      return try await lock.create(for: id, passphrase: chosen, in: store, name: options.storeName, at: now())
    } catch let error as ProgressStoreError {
      throw error
    } catch {
      throw SetupStop.failed("\(options.storeName): \(error)")
    }
  }

  /// Asks for the passphrase until it opens the key, waiting after each wrong one.
  private func enter(_ wrapped: WrappedKey) async throws -> any ProgressStore {
    var screen = Screen(
      kind: .setup, location: ["coach"],
      parts: [
        .text("Type your passphrase. It is not shown as you type.", .plain),
        .text("It keeps your reflections and notes sealed, so that only you can read them.", .dim),
      ],
      input: .line(prompt: "passphrase"))
    for attempt in 1...max(1, options.passphraseTries) {
      let typed = try await askSecret(screen)
      let opened: (any ProgressStore)?
      do {
        opened = try await options.lock.open(wrapped, passphrase: typed, in: store, name: options.storeName)
      } catch let error as ProgressStoreError {
        throw error
      } catch {
        throw SetupStop.failed("\(options.storeName): \(error)")
      }
      if let opened { return opened }
      // The same wait for every wrong passphrase, and nothing of the employee shown.
      try? await Task.sleep(for: options.wrongPassphraseDelay)
      screen.notice =
        "That passphrase does not open these records (\(attempt) of \(options.passphraseTries) tries)."
    }
    throw SetupStop.failed(
      "the passphrase for \(wrapped.employee) was wrong \(options.passphraseTries) times; nothing was opened. "
        + "If it is lost, a trainer can reset it (coach roster reset \(wrapped.employee)): your private "
        + "text is then lost, your scores and answers are kept")
  }

  /// Asks for a new passphrase twice, until both agree and it is good enough.
  private func choosePassphrase(for id: EmployeeID) async throws -> String {
    var first = Screen(
      kind: .setup, location: ["coach"],
      parts: [
        .text("Choose a passphrase for \(id).", .title),
        .blank,
        .text(
          "It seals your reflections and notes, so that only you can read them: not your trainer, not "
            + "anyone who copies the progress store. You type it each time you start coach.", .plain),
        .text(
          "Use a few words, at least \(options.lock.minimumLength) characters. Nobody can recover it: if you "
            + "forget it, a trainer can reset it, and your private text is lost (your scores are kept).",
          .dim),
      ],
      input: .line(prompt: "choose a passphrase"))
    while true {
      let chosen = try await askSecret(first)
      first.notice = nil
      if let problem = options.lock.problem(withNewPassphrase: chosen, for: id) {
        first.notice = problem.prefix(1).uppercased() + problem.dropFirst() + "."
        continue
      }
      let again = Screen(
        kind: .setup, location: ["coach"], parts: [.text("Type the same passphrase again.", .plain)],
        input: .line(prompt: "the same passphrase again"))
      if try await askSecret(again) == chosen { return chosen }
      first.notice = "The two passphrases were not the same; choose one again."
    }
  }

  /// Shows a screen and reads one line without echoing it. An empty line, `q`, Ctrl-D
  /// or end of input quits.
  func askSecret(_ screen: Screen) async throws -> String {
    let line: LineInput
    if console.isInteractive {
      // The screen as a line prompt draws it; what is typed is never drawn.
      let body = renderer.layout(screen, highlighted: nil, selected: []).lines
      let (rows, view) = promptRows(screen)
      let all = top(screen) + body + bottom(screen, page: nil, transient: nil) + rows
      paint(all + [StyledLine()], input: all.count)
      line = console.readSecret(view: view)
    } else {
      show(screen)
      if case .line(let prompt) = screen.input { console.writeLine("? " + prompt) }
      line = console.readSecret(view: PromptView(prefix: "", prefixWidth: 0, width: console.size.width))
    }
    switch line {
    case .text(let text) where text.isEmpty || text == "q" || text == "Q": throw SetupStop.quit
    case .text(let text): return text
    case .endOfInput: throw SetupStop.quit
    case .interrupt: throw SetupStop.interrupted
    }
  }
}
