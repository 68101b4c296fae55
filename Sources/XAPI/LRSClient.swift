import Foundation

/// Sends statements to an LRS's Statement resource: POSTs of batches with the
/// `X-Experience-API-Version: 1.0.3` header, retried with backoff on a network error, a
/// 5xx answer or 429, stopped with the LRS's own words on any other 4xx.
///
/// Statement ids are fixed by the records, so sending again never stores a second copy:
/// the LRS answers 204 (nothing new) or 409 (it holds a statement with that id). A batch
/// answered 409 is sent again a statement at a time, so the rest of it is stored.
public struct LRSClient: Sendable {
  /// The Statement resource: the address given, with `/statements` added unless it ends so.
  public let statementsURL: URL
  let credentials: LRSCredentials?
  let transport: any LRSTransport
  let batchSize: Int
  let retries: Int
  let backoff: @Sendable (Int) -> Duration
  let sleep: @Sendable (Duration) async -> Void

  /// What a send did.
  public struct Report: Sendable, Hashable {
    /// POSTs the LRS answered 200, 204 or 409 (batches, and the single statements of a
    /// batch answered 409).
    public var posts = 0
    /// Statements the LRS said it stored.
    public var stored = 0
    /// Statements it already had, the same (answered 204, or left out of a 200's ids).
    public var alreadyThere = 0
    /// Statements whose id the LRS holds for a different statement (answered 409).
    public var conflicts: [UUID] = []
    /// Requests sent again after a failure.
    public var retried = 0
  }

  /// - Parameters:
  ///   - endpoint: the LRS's xAPI address (`https://lrs.example.com/xAPI`), or its
  ///     Statement resource (`.../statements`).
  ///   - retries: how many times a failed request is sent again.
  ///   - backoff: the wait before retry `n` (1-based); by default 0.5 s, doubling, at most
  ///     30 s.
  /// - Throws: ``XAPIError/badSetting(name:value:reason:)`` for an address that is not
  ///   an http or https URL, or that holds a user name or password.
  public init(
    endpoint: String, credentials: LRSCredentials?, transport: any LRSTransport = NIOTransport(),
    batchSize: Int = 100, retries: Int = 5,
    backoff: @escaping @Sendable (Int) -> Duration = LRSClient.standardBackoff,
    sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
  ) throws(XAPIError) {
    let trimmed = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
    let lower = trimmed.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
      let components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty
    else {
      throw .badSetting(
        name: "--lrs", value: endpoint, reason: "give the LRS's address, starting with https://")
    }
    guard components.user == nil, components.password == nil else {
      throw .badSetting(
        name: "--lrs", value: "\(components.scheme ?? "https")://\(host)",
        reason: "the address holds a user name or password: give them with --auth or COACH_LRS_AUTH instead")
    }
    guard components.query == nil, components.fragment == nil else {
      throw .badSetting(
        name: "--lrs", value: endpoint, reason: "leave out '?' and '#' from the LRS's address")
    }
    let resource = lower.hasSuffix("/statements") ? trimmed : trimmed + "/statements"
    guard let url = URL(string: resource) else {
      throw .badSetting(name: "--lrs", value: endpoint, reason: "not a valid address")
    }
    guard (1...1000).contains(batchSize) else {
      throw .badSetting(name: "--batch-size", value: "\(batchSize)", reason: "give a number from 1 to 1000")
    }
    guard (0...20).contains(retries) else {
      throw .badSetting(name: "--retries", value: "\(retries)", reason: "give a number from 0 to 20")
    }
    statementsURL = url
    self.credentials = credentials
    self.transport = transport
    self.batchSize = batchSize
    self.retries = retries
    self.backoff = backoff
    self.sleep = sleep
  }

  /// 0.5 s before the first retry, doubling each time, at most 30 s.
  public static let standardBackoff: @Sendable (Int) -> Duration = { retry in
    .milliseconds(min(30_000, 500 << min(max(retry - 1, 0), 10)))
  }

  /// Sends every statement, in batches, in order.
  /// - Throws: ``XAPIError`` when the LRS refuses a batch, keeps failing, or cannot be
  ///   reached; the error says how many statements were sent before.
  public func send(_ statements: [Statement]) async throws(XAPIError) -> Report {
    var report = Report()
    var start = 0
    while start < statements.count {
      let batch = Array(statements[start..<min(start + batchSize, statements.count)])
      let status = try await post(batch, report: &report)
      if status == 409 {
        if batch.count == 1 {
          report.conflicts.append(batch[0].id)
        } else {
          for statement in batch {
            if try await post([statement], report: &report) == 409 { report.conflicts.append(statement.id) }
          }
        }
      }
      start += batch.count
    }
    return report
  }

  /// POSTs one batch, retrying; returns 200, 204 or 409 (the others throw).
  private func post(_ batch: [Statement], report: inout Report) async throws(XAPIError) -> Int {
    var headers = [
      "Content-Type": "application/json; charset=utf-8", "X-Experience-API-Version": "1.0.3",
      "Accept": "application/json",
    ]
    if let credentials { headers["Authorization"] = credentials.header }
    let request = LRSRequest(url: statementsURL, headers: headers, body: JSONLines.array(batch))
    let sent = report.stored + report.alreadyThere + report.conflicts.count
    var tries = 0
    while true {
      tries += 1
      let failure: (status: Int?, detail: String)
      /// A failure that sending again cannot mend (an untrusted certificate).
      var lasting = false
      do {
        let response = try await transport.post(request)
        switch response.status {
        case 200:
          let ids = (try? JSONSerialization.jsonObject(with: response.body)) as? [Any]
          let stored = min(ids?.count ?? batch.count, batch.count)
          report.stored += stored
          report.alreadyThere += batch.count - stored
          report.posts += 1
          return 200
        case 204:
          report.alreadyThere += batch.count
          report.posts += 1
          return 204
        case 409:
          report.posts += 1
          return 409
        case 429, 500...599:
          failure = (response.status, detail(response))
          if let wait = retryAfter(response), tries <= retries {
            report.retried += 1
            await sleep(wait)
            continue
          }
        case 400...499:
          throw XAPIError.rejected(
            url: statementsURL.absoluteString, status: response.status, detail: detail(response), stored: sent
          )
        default:
          throw XAPIError.unexpectedAnswer(
            url: statementsURL.absoluteString, status: response.status, detail: detail(response), stored: sent
          )
        }
      } catch let error as LRSTransportError {
        failure = (nil, credentials?.redact(error.detail) ?? error.detail)
        lasting = error.isLasting
      } catch let error as XAPIError {
        throw error
      } catch {
        failure = (nil, "\(error)")
      }
      guard tries <= retries, !lasting else {
        if let status = failure.status {
          throw XAPIError.serverFailed(
            url: statementsURL.absoluteString, status: status, detail: failure.detail, tries: tries,
            stored: sent)
        }
        throw XAPIError.unreachable(
          url: statementsURL.absoluteString, detail: failure.detail, tries: tries, stored: sent)
      }
      report.retried += 1
      await sleep(backoff(tries))
    }
  }

  /// A `Retry-After` of a few seconds (at most 60), when the LRS gave one.
  private func retryAfter(_ response: LRSResponse) -> Duration? {
    guard let text = response.headers["retry-after"],
      let seconds = Int(text.trimmingCharacters(in: .whitespaces)),
      (0...60).contains(seconds)
    else { return nil }
    return .seconds(seconds)
  }

  /// What the LRS said: the `detail`, `message` or `error` of a JSON answer, else its
  /// text; on one line, at most 600 characters, credentials taken out.
  func detail(_ response: LRSResponse) -> String {
    var text = String(decoding: response.body, as: UTF8.self)
    if let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] {
      for key in ["detail", "message", "error", "error_description"] {
        if let said = object[key] as? String {
          text = said
          break
        }
        if let said = object[key], JSONSerialization.isValidJSONObject(said),
          let data = try? JSONSerialization.data(withJSONObject: said, options: [.sortedKeys])
        {
          text = String(decoding: data, as: UTF8.self)
          break
        }
      }
    }
    var line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
    if line.count > 600 { line = String(line.prefix(600)) + "..." }
    return credentials?.redact(line) ?? line
  }
}
