/**
 * The public Java API of HyperFusion: start at {@link io.hyperfusion.api.HyperFusion}.
 *
 * <p>This package is the supported surface for programs that use HyperFusion as a library: {@link
 * io.hyperfusion.api.Dataset} (read or build data), {@link io.hyperfusion.api.Trainer} (fit with a configuration and
 * a seed), {@link io.hyperfusion.api.Model} (save, load, predict, explain, advise, evaluate). The value types they
 * take and return are public too: {@code io.hyperfusion.data.Post}, {@code io.hyperfusion.data.UserProfile},
 * {@code io.hyperfusion.ensemble.config.HierarchyConfig}, {@code io.hyperfusion.data.eval.RegressionReport},
 * {@code io.hyperfusion.app.serve.Prediction} and {@code io.hyperfusion.app.advise.Advisor.Advice}.
 *
 * <p>Every other package of every module ({@code io.hyperfusion.app.*}, {@code io.hyperfusion.features.*},
 * {@code io.hyperfusion.models.*}, {@code io.hyperfusion.ensemble.*}, {@code io.hyperfusion.data.*} apart from the
 * value types above) is internal: public for the other modules and the command line, and free to change between
 * versions.
 *
 * <pre>{@code
 * Path world = HyperFusion.generateWorld(Path.of("world"), 600, 60, 42);
 * try (Model model = HyperFusion.trainer(Path.of("configs/lightgbm-only.json"), 42)
 *         .train(HyperFusion.read(world, "smpd-image"))) {
 *     System.out.println(model.evaluate(HyperFusion.read(world, "smpd-image")).src());
 * }
 * }</pre>
 */
package io.hyperfusion.api;
