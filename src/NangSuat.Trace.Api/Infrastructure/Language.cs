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

    /// <summary>The portal remembers the language its switch chose; only the portal's requests carry it.</summary>
    public const string PortalCookie = "nst_lang";

    public static IApplicationBuilder UsePortalLanguages(this IApplicationBuilder app)
    {
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Vietnamese).AddSupportedCultures(Vietnamese, English).AddSupportedUICultures(Vietnamese, English);
            options.FallBackToParentUICultures = true;
            // The framework's own cookie provider would also change cached public pages; the portal's cookie is read for the portal only.
            options.RequestCultureProviders = options.RequestCultureProviders.Where(p => p is not CookieRequestCultureProvider).ToList();
            // ?lang=en on a scanned link wins over the phone's Accept-Language; in the portal, so does the switch's last choice.
            options.RequestCultureProviders.Insert(0, new CustomRequestCultureProvider(context =>
            {
                var lang = context.Request.Query["lang"].ToString();
                if (lang is not (Vietnamese or English) && IsPortal(context.Request))
                {
                    lang = context.Request.Cookies[PortalCookie] ?? "";
                }

                return Task.FromResult(lang is Vietnamese or English ? new ProviderCultureResult(lang) : null);
            }));
        });

        // The switch is a link with ?lang=: in the portal it is remembered, so the next page speaks the same language.
        return app.Use((context, next) =>
        {
            if (IsPortal(context.Request) && context.Request.Query["lang"].ToString() is Vietnamese or English && context.Request.Query["lang"] != context.Request.Cookies[PortalCookie])
            {
                context.Response.Cookies.Append(PortalCookie, context.Request.Query["lang"].ToString(), new CookieOptions
                {
                    Path = "/portal", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
                });
            }

            return next(context);
        });
    }

    private static bool IsPortal(HttpRequest request) => request.Path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase);
}
