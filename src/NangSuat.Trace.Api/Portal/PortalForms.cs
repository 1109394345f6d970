using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.Portal;

/// <summary>
/// What every portal request gets: no page kept by a shared cache, the language a switch chose
/// kept for the next page, and no form accepted without the token of a page the portal served.
/// </summary>
public sealed class PortalForms(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string LanguageCookie = ".AspNetCore.Culture";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        // As antiforgery wants them, so it need not overwrite them (and warn) on every page with a form.
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data: blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        if (context.Request.Query["lang"].ToString() is Language.Vietnamese or Language.English)
        {
            var lang = context.Request.Query["lang"].ToString();
            context.Response.Cookies.Append(LanguageCookie, $"c={lang}|uic={lang}",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!context.Request.HasFormContentType)
            {
                return Refused(StatusCodes.Status415UnsupportedMediaType,
                    Language.Pick("Biểu mẫu của cổng chỉ nhận dữ liệu gửi từ trình duyệt (application/x-www-form-urlencoded hoặc multipart/form-data).",
                        "The portal's forms take only what a browser posts (application/x-www-form-urlencoded or multipart/form-data)."));
            }

            bool valid;
            try
            {
                valid = await antiforgery.IsRequestValidAsync(context);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or AntiforgeryValidationException or IOException)
            {
                return Refused(StatusCodes.Status400BadRequest,
                    Language.Pick("Không đọc được biểu mẫu đã gửi (quá lớn hoặc hỏng).", "The form sent could not be read (too large or malformed)."));
            }

            if (!valid)
            {
                return Refused(StatusCodes.Status400BadRequest,
                    Language.Pick("Biểu mẫu này đã hết hạn hoặc được gửi từ một trang khác, nên cổng không nhận. Hãy mở lại trang và gửi lại.",
                        "This form has expired or was sent from another site, so the portal refused it. Open the page again and send it again."));
            }
        }
        else
        {
            // Set before the page renders, so the cookie goes out with the page's first bytes.
            antiforgery.GetAndStoreTokens(context);
        }

        return await next(invocation);
    }

    private static IResult Refused(int status, string message) =>
        new RazorComponentResult<NoticePage>(new { Title = Language.Pick("Không nhận biểu mẫu", "Form refused"), Message = message }) { StatusCode = status };
}
