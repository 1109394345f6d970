using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

public sealed record LoggedError(string Category, string Message, Exception? Exception);

/// <summary>
/// The fuzzed app's log, kept per request: which endpoint each request reached, and every error
/// the server logged while answering it. The fuzzer sends one request at a time, so "the request
/// under way" is the one being answered.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, int> _executed = new();
    private readonly ConcurrentDictionary<string, int> _matched = new();
    private readonly List<LoggedError> _errors = [];
    private readonly Lock _lock = new();

    /// <summary>Endpoints whose handler ran, by display name ("HTTP: GET /api/v1/lots/{id:guid}").</summary>
    public IReadOnlyDictionary<string, int> Executed => _executed;

    /// <summary>Endpoints a request was routed to, whether or not authorization then let it through.</summary>
    public IReadOnlyDictionary<string, int> Matched => _matched;

    /// <summary>Errors logged since the last call.</summary>
    public List<LoggedError> TakeErrors()
    {
        lock (_lock)
        {
            var taken = _errors.ToList();
            _errors.Clear();
            return taken;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Record(string category, LogLevel level, EventId eventId, string message, IReadOnlyList<KeyValuePair<string, object?>>? state, Exception? exception)
    {
        // The routing middleware logs the endpoint itself; its ToString() is the display name.
        if (eventId.Name is "ExecutingEndpoint" or "MatchSuccess" && state?.FirstOrDefault(p => p.Key == "EndpointName").Value?.ToString() is { } endpoint)
        {
            (eventId.Name == "ExecutingEndpoint" ? _executed : _matched).AddOrUpdate(endpoint, 1, (_, n) => n + 1);
            return;
        }

        if (level >= LogLevel.Error || exception is not null)
        {
            lock (_lock)
            {
                _errors.Add(new LoggedError(category, message, exception));
            }
        }
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Record(category, logLevel, eventId, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>>, exception);
    }
}
