using MilleLivres.Core;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;

namespace MilleLivres.Web.Hosting;

public static class WebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddAppSettings(args);
        ConfigureLogging(builder.Logging, builder.Environment);

        // The root wwwroot/ is copied beside the binaries: serve it from there whatever the content root is.
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        builder.Environment.WebRootPath = webRoot;
        builder.Environment.WebRootFileProvider = new PhysicalFileProvider(webRoot);

        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>
    /// Readable console lines in Development; one JSON object per line elsewhere, for a log collector. Messages carry
    /// ids and counts, never emails or names (tests search the logs of a whole flow for them).
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, IHostEnvironment environment)
    {
        logging.ClearProviders();
        if (environment.IsDevelopment())
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMilleLivresCore(configuration);
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        // Keep accents as they are in the HTML instead of &#xE9; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Keys in the database (ADR 0920): sign-in cookies, form tokens and encrypted notices made by one instance are
        // read by every other, and survive a restart. Encrypted at rest with the configured certificate (ADR 0701).
        // DatabaseStartup before anything that registers data protection: its hosted service loads the key ring from the database
        // at start, so the migrations must have run first (hosted services start in registration order).
        services.AddHostedService<DatabaseStartup>();
        services.AddDataProtection().SetApplicationName("MilleLivres").PersistKeysToDbContext<AppDbContext>();
        KeyProtection.Configure(services);
        services.AddHttpContextAccessor();
        ForwardedHeadersSetup.Configure(services);
        services.AddScoped<IActor, HttpActor>();

        services.AddIdentity<AppUser, IdentityRole>(IdentitySetup.Configure)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<MaxLengthPasswordValidator>()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = IdentitySetup.SecurityStampValidation);
        // One indexed read of the stamp per signed-in request instead of Identity's reload of the user (ADR 0528).
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SessionStampCheck>());
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "MilleLivres.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A signed-in user without the right role gets a plain 403 (rendered by the French error page),
            // not a redirect: the status is the truth, and tests and scripts can see it.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "MilleLivres.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorization(Policies.Add);
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Coordinator", Policies.Coordinator);
        })
        .AddMvcOptions(o =>
        {
            // Every form post is idempotent: a double click changes things once (ADR 0500).
            o.Filters.Add<SubmissionKeyFilter>();
            FrenchBindingMessages.Apply(o.ModelBindingMessageProvider);
            o.ModelBinderProviders.Insert(0, new CleanTextModelBinderProvider());
        });
        services.AddApplicationRateLimit();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section));
        services.AddHealthChecks().AddReadinessChecks();
        services.AddHostedService<KeyProtectionWarning>();
        services.AddBackgroundJobs();
        services.AddResponseHardening();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.AddScoped<BackupJob>();
        services.AddScoped<RetentionJob>();
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddMailJobs();
        services.AddMemoryCache();
        services.AddSingleton<PublicFiguresCache>();
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        // First: the client's address and scheme as the reverse proxy saw them, trusted from known proxies only.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error/500");
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseNoStoreForDownloads();
        // French everywhere: dates, numbers, sorting.
        app.UseRequestLocalization(o =>
        {
            var french = new System.Globalization.CultureInfo("fr-FR");
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(french);
            o.SupportedCultures = [french];
            o.SupportedUICultures = [french];
        });
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        // After the status code pages, so a refused submission gets the French 429 page.
        app.UseApplicationRateLimit();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapRazorPages();
        app.MapJobsDashboard();
    }
}
