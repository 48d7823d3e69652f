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
            options.UseSqlite(db.ResolvedConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName));
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
        services.AddOptions<Stock.StockOptions>().Bind(configuration.GetSection(Stock.StockOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Stock.StockLedger>();
        services.AddScoped<Stock.StockImporter>();
        services.AddScoped<Stock.StockExporter>();
        services.AddScoped<Stock.ImportPreviewCleanup>();
        services.AddOptions<AllocationOptions>().Bind(configuration.GetSection(AllocationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Allocation.WavePlanning>();
        services.AddScoped<Waves.WaveTowns>();
        services.AddScoped<Stock.StockDonations>();
        services.AddOptions<PersonalData.PersonalDataOptions>().Bind(configuration.GetSection(PersonalData.PersonalDataOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonalData.PersonalDataOptions>, PersonalData.PersonalDataOptionsValidator>();
        services.AddScoped<PersonalData.Anonymiser>();
        services.AddScoped<PersonalData.RetentionService>();
        services.AddScoped<PersonalData.PersonalDataRequests>();
        services.AddScoped<Dispatch.WaveDispatch>();
        services.AddOptions<Mail.MailOptions>().Bind(configuration.GetSection(Mail.MailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Mail.MailOptions>, Mail.MailOptionsValidator>();
        services.AddScoped<Mail.MailBuilder>();
        services.AddScoped<Mail.MailSender>();
        services.AddScoped<Mail.MailOutbox>();
        services.AddScoped<Mail.ReceiptReminders>();
        services.AddScoped<Mail.DistributionReminders>();
        services.AddScoped<Mail.SmtpMailTransport>();
        services.AddScoped<Mail.PickupDirectoryMailTransport>();
        // The transport follows the settings: an SMTP server when Mail:Host is set, .eml files otherwise.
        services.AddScoped<Mail.IMailTransport>(sp => sp.GetRequiredService<IOptions<Mail.MailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<Mail.SmtpMailTransport>()
            : sp.GetRequiredService<Mail.PickupDirectoryMailTransport>());
        services.AddOptions<Receipt.ReceiptOptions>().Bind(configuration.GetSection(Receipt.ReceiptOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Receipt.ReceiptOptions>, Receipt.ReceiptOptionsValidator>();
        services.AddScoped<Receipt.CartonReceipts>();
        services.AddScoped<Receipt.ReceiptResolutions>();
        services.AddScoped<Receipt.IReceiptNotifications, Receipt.OutboxReceiptNotifications>();
        services.AddScoped<Work.IWorkHandler, Receipt.AcknowledgementWork>();
        services.AddScoped<Work.IWorkHandler, Receipt.ReplacementSlipWork>();
        services.AddScoped<Distribution.ReceivedBooks>();
        services.AddScoped<Distribution.DistributionProgress>();
        services.AddScoped<Distribution.Distributions>();
        services.AddOptions<Reporting.ReportingOptions>().Bind(configuration.GetSection(Reporting.ReportingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Reporting.ReportingOptions>, Reporting.ReportingOptionsValidator>();
        services.AddScoped<Reporting.ProgrammeFigures>();
        services.AddScoped<Reporting.Reconciliation>();
        services.AddScoped<Reporting.ReportExports>();
        services.AddScoped<Reporting.WaveReports>();
        services.AddScoped<Work.IWorkHandler, Reporting.WaveReportWork>();
        return services;
    }
}
