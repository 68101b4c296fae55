import Foundation

/// Runs blocking work (a child process to its end, a pipe read) on a thread of its own
/// and waits for it without holding a thread of Swift's cooperative pool, which has only
/// as many threads as cores: tests that block there stall every other test's `await`
/// (and timing checks elsewhere measure the stall).
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread {
      continuation.resume(with: Result { try work() })
    }.start()
  }
}

extension CoachBinary {
  /// ``run(_:input:environment:directory:)`` off the cooperative pool.
  static func running(
    _ arguments: [String], input: String = "", environment: [String: String] = [:], directory: String? = nil
  ) async throws -> Result {
    try await offThePool { try run(arguments, input: input, environment: environment, directory: directory) }
  }
}

extension Outline {
  /// ``load(_:)`` off the cooperative pool.
  static func loading(_ path: String) async throws -> Outline {
    try await offThePool { try load(path) }
  }
}

extension PipeLearner {
  /// ``runToEnd(limit:)`` off the cooperative pool.
  func finishing() async throws -> (status: Int32, prompts: Int) {
    try await offThePool { self.runToEnd() }
  }

  /// ``nextPrompt(timeout:)`` off the cooperative pool.
  func awaitingPrompt() async throws -> String? {
    try await offThePool { self.nextPrompt() }
  }
}
