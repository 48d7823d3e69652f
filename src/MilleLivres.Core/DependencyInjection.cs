using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core;

public static class DependencyInjection
{
    public static IServiceCollection AddMilleLivresCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<PackingOptions>().Bind(configuration.GetSection(PackingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PackingOptions>, PackingOptionsValidator>();
        services.AddSingleton<Pdf.IPdfRenderer, Pdf.SkiaPdfRenderer>();
        services.AddSingleton<Packing.PackingSlipRenderer>();
        services.AddOptions<BackgroundJobsOptions>().Bind(configuration.GetSection(BackgroundJobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Work.WorkQueue>();
        services.AddScoped<Work.WorkRunner>();
        services.AddSingleton<Work.WorkerInstance>();
        services.AddScoped<Documents.DocumentStore>();
        services.AddScoped<Work.IWorkHandler, Packing.PackingSlipWork>();
        services.AddScoped<Packing.CartonPlanner>();
        services.AddScoped<Packing.WavePacking>();
        services.AddScoped<Packing.IPackingSlipSource, Packing.DatabasePackingSlipSource>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ApplicationOptions>().Bind(configuration.GetSection(ApplicationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            DatabaseProviders.Configure(options, db);
            options.AddInterceptors(sp.GetRequiredService<Submissions.SubmissionKeyInterceptor>());
        });
        services.AddSingleton<Submissions.SubmissionKeyInterceptor>();
        services.AddScoped<Submissions.SubmissionScope>();
        services.AddScoped<Submissions.FormSubmissions>();
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Seeding.DemoStockSeeder>();
        services.AddScoped<Accounts.UserAccounts>();
        services.AddScoped<Accounts.PasswordCheck>();
        services.AddScoped<AgeBands.AgeBandRules>();
        services.AddScoped<Applications.ApplicationIntake>();
        services.AddScoped<Applications.ApplicationReview>();
        services.AddScoped<Applications.CoordinatorInvitations>();
        services.AddOptions<StockOptions>().Bind(configuration.GetSection(StockOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Stock.StockLedger>();
        services.AddScoped<Stock.StockImporter>();
        services.AddScoped<Stock.StockExporter>();
        services.AddScoped<Stock.ImportPreviewCleanup>();
        services.AddScoped<RateLimiting.SharedRateLimit>();
        services.AddOptions<AllocationOptions>().Bind(configuration.GetSection(AllocationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Allocation.WavePlanning>();
        services.AddScoped<Allocation.WishList>();
        services.AddScoped<Waves.WaveTowns>();
        services.AddScoped<Stock.StockDonations>();
        services.AddOptions<PersonalDataOptions>().Bind(configuration.GetSection(PersonalDataOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        services.AddScoped<PersonalData.Anonymiser>();
        services.AddScoped<PersonalData.RetentionService>();
        services.AddScoped<PersonalData.PersonalDataRequests>();
        services.AddScoped<Dispatch.WaveDispatch>();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddScoped<Mail.MailBuilder>();
        services.AddScoped<Mail.MailSender>();
        services.AddScoped<Mail.MailOutbox>();
        services.AddScoped<Mail.ReceiptReminders>();
        services.AddScoped<Mail.DistributionReminders>();
        services.AddScoped<Mail.SmtpMailTransport>();
        services.AddScoped<Mail.PickupDirectoryMailTransport>();
        // The transport follows the settings: an SMTP server when Mail:Host is set, .eml files otherwise.
        services.AddScoped<Mail.IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<Mail.SmtpMailTransport>()
            : sp.GetRequiredService<Mail.PickupDirectoryMailTransport>());
        services.AddOptions<ReceiptOptions>().Bind(configuration.GetSection(ReceiptOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReceiptOptions>, ReceiptOptionsValidator>();
        services.AddScoped<Receipt.CartonReceipts>();
        services.AddScoped<Receipt.ReceiptResolutions>();
        services.AddScoped<Receipt.IReceiptNotifications, Receipt.OutboxReceiptNotifications>();
        services.AddScoped<Work.IWorkHandler, Receipt.AcknowledgementWork>();
        services.AddScoped<Work.IWorkHandler, Receipt.ReplacementSlipWork>();
        services.AddScoped<Distribution.ReceivedBooks>();
        services.AddMemoryCache();
        services.AddScoped<Distribution.DistributionProgress>();
        services.AddScoped<Distribution.Distributions>();
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportingOptions>, ReportingOptionsValidator>();
        services.AddScoped<Reporting.ProgrammeFigures>();
        // The map's shapes are a file copied beside the binaries with the rest of wwwroot/ (ADR 0820), read once.
        services.AddSingleton(_ => Reporting.FranceMap.LoadFile(Path.Combine(AppContext.BaseDirectory, Reporting.FranceMap.RelativePath)));
        services.AddScoped<Reporting.ServedDepartements>();
        services.AddScoped<Reporting.ServedMap>();
        services.AddScoped<Reporting.PublicFigures>();
        services.AddScoped<Reporting.DashboardFollowUp>();
        services.AddScoped<Reporting.Reconciliation>();
        services.AddScoped<Reporting.ReportExports>();
        services.AddScoped<Reporting.WaveReports>();
        services.AddScoped<Work.IWorkHandler, Reporting.WaveReportWork>();
        return services;
    }
}
