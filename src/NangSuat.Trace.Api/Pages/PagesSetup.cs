using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace NangSuat.Trace.Api.Pages;

public static class PagesSetup
{
    /// <summary>Razor components rendered on the server, and error pages for browsers.</summary>
    /// <remarks>Call before <c>AddErrorAnswers</c>: problem writers are asked in the order they are registered.</remarks>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Vietnamese text goes out as UTF-8, not as character references three times its size; markup characters are still escaped.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<IProblemDetailsWriter, BrowserErrorPageWriter>();
        return services;
    }
}
