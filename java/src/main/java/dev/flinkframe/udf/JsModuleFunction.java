package dev.flinkframe.udf;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * flinkframe JavaScript UDFs for Flink jobs that flinkframe does not drive (a Java Table API or SQL job), the
 * way PyFlink's Python UDFs are used from Java: register this class by DDL and call a UDF by its export name,
 *
 * <pre>
 *   CREATE TEMPORARY FUNCTION js AS 'dev.flinkframe.udf.JsModuleFunction';
 *   SELECT js('add1', x) FROM t;
 * </pre>
 *
 * where 'add1' is an export of the UDF module ({@code export const add1 = udf(x => x + 1, { returns: 'BIGINT' })}),
 * named by the system property or job parameter {@code flinkframe.udf.module} (or the environment variable
 * FLINKFRAME_UDF_MODULE). When the query is planned, Node loads the module once and reports each export's spec
 * (its source and result type: src/runtime/udf-manifest.ts); at run time each subtask starts one worker per
 * UDF it calls and sends it each row (Flink calls scalar functions row by row). Node is the system property
 * {@code flinkframe.node}, else FLINKFRAME_NODE, else node on the PATH.
 */
public final class JsModuleFunction extends ScalarFunction {
  private static final long serialVersionUID = 1L;
  public static final String MODULE = "flinkframe.udf.module";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Map<String, String>> MANIFESTS = new ConcurrentHashMap<>();

  private transient Map<String, JsScalarFunction> calls;
  private transient FunctionContext context;
  private transient String module;

  private static String defaultModule() {
    String module = System.getProperty(MODULE, System.getenv("FLINKFRAME_UDF_MODULE"));
    if (module == null || module.isEmpty()) {
      throw new ValidationException("flinkframe JsModuleFunction: name the JavaScript UDF module with the system property or job "
          + "parameter " + MODULE + " (or FLINKFRAME_UDF_MODULE), e.g. -D" + MODULE + "=/path/to/udfs.mjs");
    }
    return module;
  }

  private static String node() {
    String node = System.getProperty("flinkframe.node", System.getenv("FLINKFRAME_NODE"));
    return node == null || node.isEmpty() ? "node" : node;
  }

  /** The module's exported UDFs: name → worker spec (JSON), read once per module by running Node. */
  @SuppressWarnings("unchecked")
  static Map<String, String> manifest(String module) {
    return MANIFESTS.computeIfAbsent(new File(module).getAbsolutePath(), path -> {
      String script = "import { pathToFileURL } from 'node:url';"
          + "const m = await import(pathToFileURL(process.argv[1]).href); const out = {};"
          + "for (const [name, v] of Object.entries(m)) if (v && typeof v.toWorkerSpec === 'function') out[name] = v.toWorkerSpec(name);"
          + "process.stdout.write(JSON.stringify(out));";
      try {
        Process p = new ProcessBuilder(node(), "--input-type=module", "-e", script, path).redirectErrorStream(false).start();
        byte[] out = readAll(p.getInputStream());
        byte[] err = readAll(p.getErrorStream());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new ValidationException("flinkframe: loading the JavaScript UDF module " + path + " failed:\n"
              + new String(err, StandardCharsets.UTF_8));
        }
        Map<String, Object> specs = JSON.readValue(out, Map.class);
        Map<String, String> byName = new HashMap<>();
        for (Map.Entry<String, Object> e : specs.entrySet()) byName.put(e.getKey(), JSON.writeValueAsString(e.getValue()));
        return byName;
      } catch (ValidationException e) {
        throw e;
      } catch (Exception e) {
        throw new ValidationException("flinkframe: loading the JavaScript UDF module " + path + " failed: " + e.getMessage(), e);
      }
    });
  }

  private static byte[] readAll(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  /** The spec of the UDF a call names in its first argument (a string literal). */
  @SuppressWarnings("unchecked")
  private static String specOf(String module, String name) {
    Map<String, String> specs = manifest(module);
    String spec = specs.get(name);
    if (spec == null) {
      throw new ValidationException("flinkframe: the JavaScript UDF module " + module + " exports no UDF named '" + name
          + "'; its UDFs are " + new java.util.TreeSet<>(specs.keySet()) + " (exports made with udf(...)).");
    }
    return spec;
  }

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return TypeInference.newBuilder()
        .inputTypeStrategy(InputTypeStrategies.WILDCARD)
        .outputTypeStrategy(JsModuleFunction::resultType)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Optional<DataType> resultType(CallContext call) {
    Optional<String> name = call.isArgumentLiteral(0) ? call.getArgumentValue(0, String.class) : Optional.empty();
    if (name.isEmpty()) {
      throw call.newValidationError("%s(...): the first argument must be the UDF's name as a string literal, e.g. %s('add1', x)",
          call.getName(), call.getName());
    }
    try {
      Map<String, Object> spec = JSON.readValue(specOf(defaultModule(), name.get()), Map.class);
      String returns = (String) spec.get("returns");
      return Optional.of(TypeConversions.fromLogicalToDataType(
          LogicalTypeParser.parse(returns, JsModuleFunction.class.getClassLoader()).copy(true)));
    } catch (ValidationException e) {
      throw e;
    } catch (Exception e) {
      throw new ValidationException(e.getMessage(), e);
    }
  }

  @Override
  public void open(FunctionContext context) throws Exception {
    this.context = context;
    this.calls = new HashMap<>();
    String fallback = System.getProperty(MODULE, System.getenv("FLINKFRAME_UDF_MODULE"));
    this.module = context.getJobParameter(MODULE, fallback);
    if (module == null) defaultModule(); // throws the explanation
  }

  public Object eval(Object... args) throws Exception {
    String name = String.valueOf(args[0]);
    JsScalarFunction call = calls.get(name);
    if (call == null) {
      call = new JsScalarFunction(specOf(module, name));
      call.open(context);
      calls.put(name, call);
    }
    return call.eval(java.util.Arrays.copyOfRange(args, 1, args.length));
  }

  @Override
  public void close() throws Exception {
    if (calls != null) for (JsScalarFunction call : calls.values()) call.close();
  }
}
