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
        services.AddOptions<BackgroundJobsOptions>().Bind(configuration.GetSection(BackgroundJobsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackgroundJobsOptions>, BackgroundJobsOptionsValidator>();
        services.AddScoped<Work.WorkQueue>();
        services.AddScoped<Work.WorkRunner>();
        services.AddScoped<Documents.DocumentStore>();
        services.AddScoped<Work.IWorkHandler, Packing.PackingSlipWork>();
        services.AddScoped<Packing.CartonPlanner>();
        services.AddScoped<Packing.IPackingSlipSource, Packing.DatabasePackingSlipSource>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ApplicationOptions>().Bind(configuration.GetSection(ApplicationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApplicationOptions>, ApplicationOptionsValidator>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(db.ResolvedConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName));
        });
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Seeding.DemoStockSeeder>();
        services.AddScoped<Accounts.UserAccounts>();
        services.AddScoped<AgeBands.AgeBandRules>();
        services.AddScoped<Applications.ApplicationIntake>();
        services.AddScoped<Applications.ApplicationReview>();
        services.AddScoped<Applications.CoordinatorInvitations>();
        services.AddOptions<Stock.StockOptions>().Bind(configuration.GetSection(Stock.StockOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Stock.StockOptions>, Stock.StockOptionsValidator>();
        services.AddScoped<Stock.StockLedger>();
        services.AddScoped<Stock.StockImporter>();
        services.AddScoped<Stock.StockExporter>();
        services.AddOptions<AllocationOptions>().Bind(configuration.GetSection(AllocationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AllocationOptions>, AllocationOptionsValidator>();
        services.AddScoped<Allocation.WavePlanning>();
        services.AddScoped<Dispatch.WaveDispatch>();
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
        return services;
    }
}
