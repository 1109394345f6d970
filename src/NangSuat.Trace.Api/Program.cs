using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.PublicPages;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Api.Serials;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTraceServices(builder.Configuration);

var app = builder.Build();
// Language first, so error answers from the handlers below it speak the request's language.
app.UsePortalLanguages();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.UseSwaggerUI(ui =>
{
    ui.SwaggerEndpoint("/openapi/v1.json", "NangSuat.Trace API v1");
    ui.RoutePrefix = "swagger";
});

// Public, anonymous: what a scanned label reaches.
app.MapHomePage();
app.MapResolver();
app.MapTracePages();

// The producers', inspectors' and administrators' API.
app.MapOrganizations();
app.MapProducts();
app.MapProductionAreas();
app.MapCertificates();
app.MapLots();
app.MapSsccLabels();
app.MapSerialLabels();

await app.PrepareDatabaseAsync();
await app.RunAsync();

public partial class Program;
