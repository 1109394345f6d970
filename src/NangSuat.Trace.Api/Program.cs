using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Audit;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.CertificationBodies;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.LabelPrinting;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.Public;
using NangSuat.Trace.Api.Scans;
using NangSuat.Trace.Api.Serials;

var builder = WebApplication.CreateBuilder(args);
builder.AddTraceServices();

var app = builder.Build();
if (!app.SettingsAreValid())
{
    return StartupChecks.ConfigurationError;
}

// The portal's own files (under /static) need nothing below; then language, so every answer below it, errors included, speaks the request's language.
app.UseStaticFiles(new StaticFileOptions { RequestPath = "/static" });
app.UsePortalLanguages();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestGuards();
app.UseOptionsAsPlainRequests();
app.UseRouting();
app.UseCors();
app.UseRateLimiter();
app.UseScanCounting();
app.UseOutputCache();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.UseSwaggerUI(ui =>
{
    ui.SwaggerEndpoint("/openapi/v1.json", "NangSuat.Trace API v1");
    ui.RoutePrefix = "swagger";
});

// Public, anonymous: what a scanned label reaches.
app.MapPublic();

// The producers', inspectors' and administrators' API.
app.MapOrganizations();
app.MapProducts();
app.MapProductionAreas();
app.MapCertificates();
app.MapCertificateVerification();
app.MapCertificationBodies();
app.MapLots();
app.MapSerials();
app.MapLabels();
app.MapAudit();
app.MapTransparencyLog();
app.MapAccounts();

// The portal in a browser: producers', inspectors' and administrators' pages and forms.
app.MapPortal();

await app.PrepareDatabaseAsync();
return await app.RunUntilStoppedAsync();

public partial class Program;
