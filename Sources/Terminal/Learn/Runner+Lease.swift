import Foundation
import LearnerModel
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One employee, one session: the session claims the employee's lease before it records
/// anything, keeps it alive with a heartbeat, and writes only while it holds it. A second
/// session says who holds it and offers to wait or to take over.
extension Runner {
  /// A lease for this session, starting now.
  func lease(_ id: EmployeeID, session: String) -> SessionLease {
    let start = now()
    return SessionLease(
      employee: id, sessionID: session, host: options.host, process: options.process, started: start,
      renewed: start, expires: start.addingTimeInterval(seconds(options.leaseLength)))
  }

  /// Claims the lease. A session on this machine whose process has ended (killed, or the
  /// machine slept and it was closed) is taken over at once; a lease that lapsed without
  /// a heartbeat is claimed by the store itself; otherwise the employee chooses.
  func claim(_ lease: SessionLease) async throws {
    while true {
      var mine = lease
      mine.renewed = now()
      mine.expires = mine.renewed.addingTimeInterval(seconds(options.leaseLength))
      guard case .heldBy(let holder) = try await store.claimSession(mine, takingOver: nil) else { return }
      if holder.host == options.host && !Self.isRunning(holder.process) {
        if try await store.claimSession(mine, takingOver: holder.sessionID) == .claimed { return }
        continue
      }
      switch try await chooseAboutHolder(holder) {
      case 1:
        try await waitForRelease(of: holder, claiming: lease)
        return
      case 2:
        if try await store.claimSession(mine, takingOver: holder.sessionID) == .claimed { return }
      default:
        throw SetupStop.quit
      }
    }
  }

  /// Says who holds the lease and asks: wait, take over, or quit.
  private func chooseAboutHolder(_ holder: SessionLease) async throws -> Int {
    let choices = [
      "Wait here until that session ends",
      "Take over here: that session stops before it records anything more",
      "Quit",
    ]
    let screen = Screen(
      kind: .setup, location: ["coach"],
      parts: [
        .text(
          "\(holder.employee) already has coach open on \(holder.host) (process \(holder.process)), since "
            + "\(Self.shown(holder.started)); last active \(Self.shown(holder.renewed)).", .plain),
        .text("Answers are recorded by one session at a time, so that nothing is recorded twice.", .dim),
        .numbered(choices),
      ],
      input: .line(prompt: "1-3"))
    switch await ask(
      screen, as: .single(count: 3),
      { parsed -> Result<Int, InputProblem> in
        if case .numbers(let list) = parsed { return .success(list[0] + 1) }
        return .failure(InputProblem(AnswerParser.expectation(.single(count: 3))))
      })
    {
    case .answer(let choice): return choice
    case .quit: throw SetupStop.quit
    case .interrupted: throw SetupStop.interrupted
    }
  }

  /// Waits, looking again every ``Options/waitStep``, until the holder releases the lease
  /// or it lapses; Ctrl-C stops waiting.
  private func waitForRelease(of holder: SessionLease, claiming lease: SessionLease) async throws {
    console.writeLine(
      "Waiting for the session on \(holder.host) to end (or to go quiet for a while). Ctrl-C stops waiting.")
    while true {
      if console.stopSignal != nil { throw SetupStop.interrupted }
      try? await Task.sleep(for: options.waitStep)
      if console.stopSignal != nil { throw SetupStop.interrupted }
      var mine = lease
      mine.renewed = now()
      mine.expires = mine.renewed.addingTimeInterval(seconds(options.leaseLength))
      if try await store.claimSession(mine, takingOver: nil) == .claimed { return }
    }
  }

  /// Renews the lease every ``Options/heartbeat`` until cancelled, so that a session
  /// left at a prompt still holds it; a session that was taken over stops renewing (its
  /// next write is refused by the store).
  func startHeartbeat(_ lease: SessionLease) -> Task<Void, Never> {
    let store = self.store
    let now = self.now
    let (beat, length) = (options.heartbeat, seconds(options.leaseLength))
    return Task.detached {
      while !Task.isCancelled {
        try? await Task.sleep(for: beat)
        if Task.isCancelled { return }
        var renewed = lease
        renewed.renewed = now()
        renewed.expires = renewed.renewed.addingTimeInterval(length)
        do {
          try await store.renewSession(renewed)
        } catch ProgressStoreError.sessionTaken {
          return
        } catch {
          continue  // a busy store: the next beat tries again
        }
      }
    }
  }

  /// Whether a process of this machine is still running.
  static func isRunning(_ process: Int32) -> Bool {
    process > 0 && (kill(process, 0) == 0 || errno == EPERM)
  }

  /// A time as the lease message shows it: "14:05" today, else "2026-03-02 14:05".
  static func shown(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = Calendar.current.isDateInToday(date) ? "HH:mm" : "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
  }

  func seconds(_ duration: Duration) -> TimeInterval {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
