import Foundation
import Synchronization
import Testing

@testable import XAPI

/// The LRS client against a transport that answers from a script: batches, headers,
/// retries with backoff, refusals and conflicts.
@Suite struct LRSClientTests {
  /// Answers each POST with the next step of its script, and keeps every request.
  final class Scripted: LRSTransport {
    enum Step {
      case answer(Int, String)
      case fail(String)
      /// A failure that sending again cannot mend (an untrusted certificate).
      case failLasting(String)
      /// 200 with the posted statements' ids.
      case stored
      /// 200 with the first `n` of the posted ids.
      case storedFirst(Int)
    }

    private let state: Mutex<(steps: [Step], requests: [LRSRequest])>

    init(_ steps: [Step]) { state = Mutex((steps, [])) }

    var requests: [LRSRequest] { state.withLock { $0.requests } }

    func post(_ request: LRSRequest) async throws(LRSTransportError) -> LRSResponse {
      let step = state.withLock { state -> Step in
        state.requests.append(request)
        return state.steps.isEmpty ? .stored : state.steps.removeFirst()
      }
      let ids = ((try? JSONSerialization.jsonObject(with: request.body)) as? [[String: Any]] ?? []).map {
        $0["id"] ?? ""
      }
      switch step {
      case .answer(let status, let body): return LRSResponse(status: status, body: Data(body.utf8))
      case .fail(let detail): throw LRSTransportError(detail: detail)
      case .failLasting(let detail): throw LRSTransportError(detail: detail, isLasting: true)
      case .stored: return LRSResponse(status: 200, body: try! JSONSerialization.data(withJSONObject: ids))
      case .storedFirst(let n):
        return LRSResponse(
          status: 200, body: try! JSONSerialization.data(withJSONObject: Array(ids.prefix(n))))
      }
    }
  }

  /// Records the waits instead of waiting.
  final class Waits: Sendable {
    let waits = Mutex<[Duration]>([])
    var all: [Duration] { waits.withLock { $0 } }
  }

  static func statements(_ count: Int) -> [Statement] {
    (0..<count).map { n in
      Statement(
        id: NameUUID.v5("statement \(n)"),
        actor: Agent(account: .init(homePage: "https://hr.example.com", name: "e\(n)")),
        verb: Verbs.answered, object: Activity(id: "https://lrs.example.com/coach/courses/c"),
        context: Context(
          registration: NameUUID.v5("r").uuidString.lowercased(), platform: "coach", language: "en"),
        timestamp: Timestamp.iso8601(Date(timeIntervalSince1970: Double(n))), kind: .answer)
    }
  }

  static let credentials = try! LRSCredentials("coach:s3cr3t:pw", source: "--auth")

  static func client(_ transport: Scripted, waits: Waits = Waits(), batch: Int = 100, retries: Int = 3) throws
    -> LRSClient
  {
    try LRSClient(
      endpoint: "https://lrs.example.com/xAPI/", credentials: credentials, transport: transport,
      batchSize: batch,
      retries: retries, sleep: { wait in waits.waits.withLock { $0.append(wait) } })
  }

  static func posted(_ request: LRSRequest) -> [String] {
    ((try? JSONSerialization.jsonObject(with: request.body)) as? [[String: Any]] ?? []).compactMap {
      $0["id"] as? String
    }
  }

  @Test func statementsGoInBatchesInOrderWithTheXAPIHeaders() async throws {
    let transport = Scripted([])
    let client = try Self.client(transport, batch: 100)
    let all = Self.statements(250)
    let report = try await client.send(all)
    #expect(report == LRSClient.Report(posts: 3, stored: 250, alreadyThere: 0, conflicts: [], retried: 0))
    #expect(transport.requests.map { Self.posted($0).count } == [100, 100, 50])
    #expect(transport.requests.flatMap(Self.posted) == all.map { $0.id.uuidString.lowercased() })
    for request in transport.requests {
      #expect(request.url.absoluteString == "https://lrs.example.com/xAPI/statements")
      #expect(request.headers["X-Experience-API-Version"] == "1.0.3")
      #expect(request.headers["Content-Type"] == "application/json; charset=utf-8")
      #expect(
        request.headers["Authorization"] == "Basic " + Data("coach:s3cr3t:pw".utf8).base64EncodedString())
    }
  }

  @Test func serverErrorsAndNetworkFailuresAreRetriedWithGrowingWaits() async throws {
    let transport = Scripted([
      .answer(503, "{\"detail\":\"busy\"}"), .fail("the connection was refused"), .answer(502, ""),
    ])
    let waits = Waits()
    let report = try await Self.client(transport, waits: waits, retries: 3).send(Self.statements(3))
    #expect(report.stored == 3 && report.retried == 3 && report.posts == 1)
    #expect(waits.all == [.milliseconds(500), .seconds(1), .seconds(2)])
    #expect(LRSClient.standardBackoff(6) == .seconds(16) && LRSClient.standardBackoff(9) == .seconds(30))
  }

  @Test func aRetryAfterIsHonouredForTooManyRequests() async throws {
    let transport = Scripted([])
    let waits = Waits()
    let client = try LRSClient(
      endpoint: "https://lrs.example.com/xAPI", credentials: nil,
      transport: RetryAfterOnce(then: transport), retries: 2,
      sleep: { wait in waits.waits.withLock { $0.append(wait) } })
    let report = try await client.send(Self.statements(2))
    #expect(report.stored == 2 && report.retried == 1)
    #expect(waits.all == [.seconds(7)])
  }

  /// 429 with `Retry-After: 7` once, then whatever `then` answers.
  final class RetryAfterOnce: LRSTransport {
    let then: Scripted
    let answered = Mutex(false)
    init(then: Scripted) { self.then = then }
    func post(_ request: LRSRequest) async throws(LRSTransportError) -> LRSResponse {
      if !answered.withLock({ done in
        defer { done = true }; return done
      }) {
        return LRSResponse(status: 429, headers: ["Retry-After": "7"], body: Data())
      }
      return try await then.post(request)
    }
  }

  @Test func aLastingFailureIsNotRetried() async throws {
    let untrusted = Scripted(
      [.stored] + Array(repeating: .failLasting("the certificate is not trusted"), count: 5))
    await #expect(
      throws: XAPIError.unreachable(
        url: "https://lrs.example.com/xAPI/statements", detail: "the certificate is not trusted", tries: 1,
        stored: 2)
    ) {
      _ = try await Self.client(untrusted, batch: 2, retries: 4).send(Self.statements(5))
    }
    #expect(untrusted.requests.count == 2)
  }

  @Test func failuresThatOutlastTheRetriesEndTheSendSayingWhatWasSent() async throws {
    let down = Scripted(Array(repeating: .fail("no answer in time"), count: 10))
    await #expect(
      throws: XAPIError.unreachable(
        url: "https://lrs.example.com/xAPI/statements", detail: "no answer in time", tries: 3, stored: 0)
    ) {
      _ = try await Self.client(down, retries: 2).send(Self.statements(5))
    }
    let failing = Scripted(
      [.stored] + Array(repeating: .answer(500, "{\"detail\":\"disk full\"}"), count: 10))
    await #expect(
      throws: XAPIError.serverFailed(
        url: "https://lrs.example.com/xAPI/statements", status: 500, detail: "disk full", tries: 2, stored: 2)
    ) {
      _ = try await Self.client(failing, batch: 2, retries: 1).send(Self.statements(5))
    }
  }

  @Test func aRefusalStopsAtOnceWithTheLRSsWordsAndNoSecret() async throws {
    let echo = Data("coach:s3cr3t:pw".utf8).base64EncodedString()
    let refusing = Scripted([
      .stored,
      .answer(
        400, "{\"detail\": \"bad verb in statement 2; got Authorization Basic \(echo), password s3cr3t:pw\"}"),
    ])
    do {
      _ = try await Self.client(refusing, batch: 2).send(Self.statements(6))
      Issue.record("the send went on")
    } catch let error as XAPIError {
      #expect(refusing.requests.count == 2)
      guard case .rejected(_, let status, let detail, let stored) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(status == 400 && stored == 2)
      #expect(detail == "bad verb in statement 2; got Authorization Basic [redacted], password [redacted]")
      #expect(!error.description.contains("s3cr3t"))
    }
    let unauthorized = Scripted([.answer(401, "<html><body>\nLogin\n   required</body></html>")])
    await #expect(
      throws: XAPIError.rejected(
        url: "https://lrs.example.com/xAPI/statements", status: 401,
        detail: "<html><body> Login required</body></html>", stored: 0)
    ) {
      _ = try await Self.client(unauthorized).send(Self.statements(1))
    }
  }

  @Test func statementsTheLRSAlreadyHoldsAreCountedNotSentAgainAsCopies() async throws {
    let all = Self.statements(4)
    // 204: it had the batch; 200 with fewer ids: it had the rest; 409: one differs.
    let transport = Scripted([
      .answer(204, ""), .storedFirst(1), .answer(409, "{\"detail\":\"differs\"}"), .stored, .answer(409, ""),
    ])
    let report = try await Self.client(transport, batch: 2).send(all + Self.statements(6).suffix(2))
    #expect(report.alreadyThere == 2 + 1)
    #expect(report.stored == 1 + 1)
    #expect(report.conflicts == [Self.statements(6)[5].id])
    #expect(report.posts == 5)
    #expect(transport.requests.map { Self.posted($0).count } == [2, 2, 2, 1, 1])
  }

  @Test func theAddressIsTheStatementsResourceAndHoldsNoCredentials() throws {
    let transport = Scripted([])
    for (given, expected) in [
      ("https://lrs.example.com/xAPI", "https://lrs.example.com/xAPI/statements"),
      ("https://lrs.example.com/xAPI/statements/", "https://lrs.example.com/xAPI/statements"),
      ("http://127.0.0.1:8100", "http://127.0.0.1:8100/statements"),
    ] {
      #expect(
        try LRSClient(endpoint: given, credentials: nil, transport: transport).statementsURL.absoluteString
          == expected)
    }
    #expect(throws: XAPIError.self) {
      try LRSClient(endpoint: "lrs.example.com", credentials: nil, transport: transport)
    }
    do {
      _ = try LRSClient(
        endpoint: "https://me:hunter2@lrs.example.com/xAPI", credentials: nil, transport: transport)
      Issue.record("credentials in the address were taken")
    } catch {
      #expect(!error.description.contains("hunter2") && error.description.contains("COACH_LRS_AUTH"))
    }
    #expect(
      throws: XAPIError.badCredentials(source: "$COACH_LRS_AUTH", reason: "write them as user:password")
    ) {
      try LRSCredentials("hunter2", source: "$COACH_LRS_AUTH")
    }
  }
}
