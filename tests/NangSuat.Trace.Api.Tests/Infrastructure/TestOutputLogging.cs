using Microsoft.Extensions.Logging;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// The service's own log, written to the output of the test that started it: a failing test shows
/// the exception the server logged, not only the status it answered.
/// </summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper? output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(ITestOutputHelper? output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Warnings and worse, plus the resolver's and the portal's own information lines.
        public bool IsEnabled(LogLevel logLevel) => output is not null && (logLevel >= LogLevel.Warning || (logLevel >= LogLevel.Information && category.StartsWith("NangSuat", StringComparison.Ordinal)));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output!.WriteLine($"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test that started the service has finished; its output is closed.
            }
        }
    }
}
