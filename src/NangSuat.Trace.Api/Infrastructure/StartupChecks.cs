using Microsoft.Extensions.Options;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// Settings are checked before the service touches the database: a wrong one stops it with the
/// setting's name and exit code 78 (EX_CONFIG), not a stack trace after migrating or seeding.
/// </summary>
public static partial class StartupChecks
{
    public const int ConfigurationError = 78;

    public static bool SettingsAreValid(this WebApplication app)
    {
        var problems = new List<string>();
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (Settings(e, problems))
        {
            foreach (var problem in problems)
            {
                LogInvalidSetting(app.Logger, problem);
                Console.Error.WriteLine($"Invalid setting: {problem}");
            }

            return false;
        }

        return true;
    }

    /// <summary>Runs the service; an address another process holds stops it with a sentence and exit code 78, not a crash.</summary>
    public static async Task<int> RunUntilStoppedAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            LogInvalidSetting(app.Logger, $"{e.Message} Choose another with --urls, ASPNETCORE_URLS or Kestrel:Endpoints.");
            Console.Error.WriteLine($"Invalid setting: {e.Message} Choose another with --urls, ASPNETCORE_URLS or Kestrel:Endpoints.");
            return ConfigurationError;
        }
    }

    /// <summary>Collects what the configuration got wrong; false for anything else, which is a real fault.</summary>
    private static bool Settings(Exception exception, List<string> problems)
    {
        switch (exception)
        {
            case OptionsValidationException invalid:
                problems.AddRange(invalid.Failures);
                return true;
            case InvalidOperationException { Message: var message } when message.Contains("configuration value", StringComparison.OrdinalIgnoreCase):
                // The binder's own words name the setting: "Failed to convert configuration value at 'Resolver:RequestsPerMinute' to type 'System.Int32'."
                problems.Add(message);
                return true;
            case AggregateException many:
                return many.InnerExceptions.All(inner => Settings(inner, problems));
            default:
                return false;
        }
    }

    [LoggerMessage(LogLevel.Critical, "Invalid setting, the service will not start: {Problem}")]
    private static partial void LogInvalidSetting(ILogger logger, string problem);
}
