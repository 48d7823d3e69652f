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
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ApplicationOptions>().Bind(configuration.GetSection(ApplicationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApplicationOptions>, ApplicationOptionsValidator>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(db.ResolvedConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName));
        });
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Accounts.UserAccounts>();
        services.AddScoped<AgeBands.AgeBandRules>();
        services.AddScoped<Applications.ApplicationIntake>();
        services.AddScoped<Applications.ApplicationReview>();
        services.AddScoped<Applications.CoordinatorInvitations>();
        return services;
    }
}
