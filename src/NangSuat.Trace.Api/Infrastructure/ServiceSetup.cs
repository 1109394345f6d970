using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Api.Scans;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NangSuat.Trace.Api.Audit;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Pages;
using NangSuat.Trace.Api.Public;

namespace NangSuat.Trace.Api.Infrastructure;

public static class ServiceSetup
{
    /// <summary>Defaults under every other configuration source, so a setting given anywhere wins over them.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // A line per request and per SQL command drowns what matters and costs every scan dearly:
        // ask for them with Logging:LogLevel:Microsoft.AspNetCore=Information (or ...Database.Command).
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    public static WebApplicationBuilder AddTraceServices(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResolverOptions>().BindConfiguration(ResolverOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache(); // portal previews between a check and its commit (an import)
        services.AddScoped<PublicUrls>();
        services.AddTraceDatabase();
        services.AddTraceAuth();
        services.AddPages();
        services.AddErrorAnswers();
        services.AddPublicAnswers();
        services.AddScanCounting();
        services.AddSerialIssuing();
        services.AddTransparencyLog();
        services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NangSuat.Trace API";
            document.Info.Description = "Provincial product traceability portal: organizations, products, production areas, certificates, lots, labels, serials, the audit record and the GS1 Digital Link resolver.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An access token issued by POST /api/v1/organizations/{id}/tokens, or the bootstrap admin token.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            // An anonymous route says so (an empty requirement overrides the document's bearer), so a client sends no token to it.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            return Task.CompletedTask;
        }));
        return builder;
    }
}
