using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>The two portal languages: Vietnamese by default, English on request.</summary>
public static class Language
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static string Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Vietnamese;

    public static bool IsEnglish => Current == English;

    /// <summary>Picks the sentence for the language of the current request.</summary>
    public static string Pick(string vietnamese, string english) => IsEnglish ? english : vietnamese;

    public static IApplicationBuilder UsePortalLanguages(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Vietnamese).AddSupportedCultures(Vietnamese, English).AddSupportedUICultures(Vietnamese, English);
            options.FallBackToParentUICultures = true;
            // ?lang=en on a scanned link wins over the phone's Accept-Language.
            options.RequestCultureProviders.Insert(0, new CustomRequestCultureProvider(context =>
            {
                var lang = context.Request.Query["lang"].ToString();
                return Task.FromResult(lang is Vietnamese or English ? new ProviderCultureResult(lang) : null);
            }));
        });
}
