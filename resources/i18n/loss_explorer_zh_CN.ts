<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>about_panel</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Pitfalls</source>
        <translation>常见陷阱</translation>
    </message>
</context>
<context>
    <name>curvature_panel</name>
    <message>
        <source>Curvature</source>
        <translation>曲率</translation>
    </message>
    <message>
        <source>trace (Hutchinson)</source>
        <translation>迹（Hutchinson）</translation>
    </message>
    <message>
        <source>eigenvalue density (SLQ)</source>
        <translation>特征值密度（SLQ）</translation>
    </message>
    <message>
        <source>0: no sharpness</source>
        <translation>0：不计算锐度</translation>
    </message>
    <message>
        <source>log density</source>
        <translation>对数密度</translation>
    </message>
    <message>
        <source>Hessian spectrum</source>
        <translation>Hessian 谱</translation>
    </message>
    <message>
        <source>top eigenvalues</source>
        <translation>前几个特征值</translation>
    </message>
    <message>
        <source>sharpness radius</source>
        <translation>锐度半径</translation>
    </message>
</context>
<context>
    <name>custom_losses</name>
    <message>
        <source>Open your losses</source>
        <translation>打开自定义损失</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>Your losses</source>
        <translation>自定义损失</translation>
    </message>
    <message>
        <source>Your losses not loaded: {why}</source>
        <translation>自定义损失未加载：{why}</translation>
    </message>
</context>
<context>
    <name>distribution_panel</name>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>target p</source>
        <translation>目标分布 p</translation>
    </message>
    <message>
        <source>predicted q</source>
        <translation>预测分布 q</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>not valid JSON: {error} at column {column}</source>
        <translation>不是有效的 JSON：第 {column} 列，{error}</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层数过多</translation>
    </message>
    <message>
        <source>a number is too long</source>
        <translation>数字位数过多</translation>
    </message>
</context>
<context>
    <name>figure</name>
    <message>
        <source>{loss} after {activation}</source>
        <translation>{activation} 之后的 {loss}</translation>
    </message>
    <message>
        <source>{loss} from {file}</source>
        <translation>{loss}（来自 {file}）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>log10 loss</source>
        <translation>log10 损失</translation>
    </message>
    <message>
        <source>log10(loss + {shift})</source>
        <translation>log10(损失 + {shift})</translation>
    </message>
    <message>
        <source>{label} (summed over the loss elements)</source>
        <translation>{label}（对各损失元素求和）</translation>
    </message>
    <message>
        <source>min {value} on a flat region ({share} of the grid)</source>
        <translation>最小值 {value}，位于平坦区域（占网格 {share}）</translation>
    </message>
    <message>
        <source>min {value} along a valley of {count} grid points (red dots)</source>
        <translation>最小值 {value}，沿 {count} 个网格点构成的谷底（红点）</translation>
    </message>
    <message>
        <source>min {value} at ({x}, {y})</source>
        <translation>最小值 {value}，位于 ({x}, {y})</translation>
    </message>
    <message>
        <source>[{count} non-finite]</source>
        <translation>[{count} 个非有限值]</translation>
    </message>
    <message>
        <source>{note}; red: -gradients</source>
        <translation>{note}；红色：负梯度</translation>
    </message>
    <message>
        <source>d loss / d x</source>
        <translation>d 损失 / d x</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>PNG size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>width (px)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>height (px)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <source>cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <source>Recipe not opened: {message}</source>
        <translation>配方未打开：{message}</translation>
    </message>
    <message>
        <source>Open recipe</source>
        <translation>打开配方</translation>
    </message>
    <message>
        <source>Recipes (*.json *.npz)</source>
        <translation>配方 (*.json *.npz)</translation>
    </message>
    <message>
        <source>Save recipe</source>
        <translation>保存配方</translation>
    </message>
    <message>
        <source>Recipe (*.json)</source>
        <translation>配方 (*.json)</translation>
    </message>
    <message>
        <source>nothing drawn yet</source>
        <translation>尚未绘制任何图</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>导出 {format}</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Wrote {files}</source>
        <translation>已写入 {files}</translation>
    </message>
    <message>
        <source>Figure copied to the clipboard</source>
        <translation>图已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>landscape_tab</name>
    <message>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <source>no model file</source>
        <translation>未选择模型文件</translation>
    </message>
    <message>
        <source>move biases and normalization weights too</source>
        <translation>偏置和归一化权重也一起移动</translation>
    </message>
    <message>
        <source>bfloat16: a faster, coarser preview</source>
        <translation>bfloat16：更快、较粗略的预览</translation>
    </message>
    <message>
        <source>FILE.h5 (the same settings again resume it)</source>
        <translation>FILE.h5（用相同设置再次运行即可续算）</translation>
    </message>
    <message>
        <source>log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>3-D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Export {format}…</source>
        <translation>导出 {format}…</translation>
    </message>
    <message>
        <source>Add to report</source>
        <translation>加入报告</translation>
    </message>
    <message>
        <source>Open the example</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>MLP on digits</source>
        <translation>手写数字上的 MLP</translation>
    </message>
    <message>
        <source>CNN with BatchNorm on digits</source>
        <translation>手写数字上带 BatchNorm 的 CNN</translation>
    </message>
    <message>
        <source>tiny transformer language model (tied weights)</source>
        <translation>微型 Transformer 语言模型（权重共享）</translation>
    </message>
    <message>
        <source>random: filter-normalized Gaussian directions; pca: the top principal directions of the checkpoints, with the training path; line: first to last checkpoint (1-D); hessian: the top eigenvectors of the Hessian at the centre</source>
        <translation>random：按滤波器归一化的高斯方向；pca：检查点的前几个主方向，并画出训练路径；line：从第一个到最后一个检查点（一维）；hessian：中心处 Hessian 的前几个特征向量</translation>
    </message>
    <message>
        <source>curvature: max and min eigenvalue</source>
        <translation>曲率：最大与最小特征值</translation>
    </message>
    <message>
        <source>the Hessian&apos;s largest and smallest eigenvalue at every point</source>
        <translation>每个点处 Hessian 的最大与最小特征值</translation>
    </message>
    <message>
        <source>recompute BatchNorm statistics</source>
        <translation>重新计算 BatchNorm 统计量</translation>
    </message>
    <message>
        <source>grid points per side</source>
        <translation>每边网格点数</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>dimensions</source>
        <translation>维数</translation>
    </message>
    <message>
        <source>directions</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>open a model file first</source>
        <translation>请先打开一个模型文件</translation>
    </message>
    <message>
        <source>must end in .h5</source>
        <translation>文件名必须以 .h5 结尾</translation>
    </message>
    <message>
        <source>{rows} rows in {seconds} s ({ms} ms a point)</source>
        <translation>{rows} 行，用时 {seconds} 秒（每点 {ms} 毫秒）</translation>
    </message>
    <message>
        <source>{rows} rows were already done</source>
        <translation>{rows} 行此前已完成</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>注：{note}</translation>
    </message>
    <message>
        <source>nothing computed yet</source>
        <translation>尚未计算任何结果</translation>
    </message>
</context>
<context>
    <name>landscape_view</name>
    <message>
        <source>random filter-normalized directions (seed {seed})</source>
        <translation>按滤波器归一化的随机方向（种子 {seed}）</translation>
    </message>
    <message>
        <source>the top PCA directions of the checkpoints</source>
        <translation>检查点的前两个 PCA 方向</translation>
    </message>
    <message>
        <source>the line {centre}</source>
        <translation>直线 {centre}</translation>
    </message>
    <message>
        <source>the top Hessian eigenvectors (unit norm; eigenvalues {eigs})</source>
        <translation>Hessian 的前几个特征向量（单位范数；特征值 {eigs}）</translation>
    </message>
    <message>
        <source>biases moved</source>
        <translation>偏置随之移动</translation>
    </message>
    <message>
        <source>biases and normalization weights fixed</source>
        <translation>偏置和归一化权重保持不变</translation>
    </message>
    <message>
        <source>{file} (sha256 {sha}), centred on {centre}; {directions}; {bias}; grid {grid}, {dtype}.</source>
        <translation>{file}（sha256 {sha}），以 {centre} 为中心；{directions}；{bias}；网格 {grid}，{dtype}。</translation>
    </message>
    <message>
        <source>Variance explained: {shares}.</source>
        <translation>解释方差：{shares}。</translation>
    </message>
    <message>
        <source>Barrier height {barrier} (the highest loss between the checkpoints minus the mean of its ends, {start} and {end}).</source>
        <translation>势垒高度 {barrier}（两个检查点之间的最高损失减去两端损失 {start} 与 {end} 的平均）。</translation>
    </message>
    <message>
        <source>BatchNorm statistics recomputed at each point.</source>
        <translation>每个点都重新计算了 BatchNorm 统计量。</translation>
    </message>
    <message>
        <source>Curvature: max_eig and min_eig of the Hessian at every point.</source>
        <translation>曲率：每个点处 Hessian 的 max_eig 与 min_eig。</translation>
    </message>
    <message>
        <source>largest Hessian eigenvalue</source>
        <translation>Hessian 最大特征值</translation>
    </message>
    <message>
        <source>smallest Hessian eigenvalue</source>
        <translation>Hessian 最小特征值</translation>
    </message>
    <message>
        <source>|min_eig / max_eig|</source>
        <translation>|min_eig / max_eig|（最小与最大特征值之比）</translation>
    </message>
    <message>
        <source>training path</source>
        <translation>训练路径</translation>
    </message>
    <message>
        <source>{done} of {rows} rows</source>
        <translation>已完成 {done}/{rows} 行</translation>
    </message>
    <message>
        <source>{file}: loss along {directions}</source>
        <translation>{file}：沿 {directions} 的损失</translation>
    </message>
    <message>
        <source>eigenvector 1</source>
        <translation>特征向量 1</translation>
    </message>
    <message>
        <source>eigenvector 2</source>
        <translation>特征向量 2</translation>
    </message>
    <message>
        <source>direction 1</source>
        <translation>方向 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <source>{file}: loss landscape</source>
        <translation>{file}：损失地形</translation>
    </message>
    <message>
        <source>min {value}</source>
        <translation>最小值 {value}</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <source>Filter losses…</source>
        <translation>筛选损失函数…</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Inputs (forward arguments, JSON)</source>
        <translation>输入（forward 的参数，JSON）</translation>
    </message>
    <message>
        <source>Apply this to the input first: the swept input is then the logit</source>
        <translation>先对输入施加此函数：扫描的输入便是 logit</translation>
    </message>
    <message>
        <source>Off: a 1-D curve instead of a surface</source>
        <translation>关闭：画一维曲线而不是曲面</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Axes: slot, start, stop, points</source>
        <translation>坐标轴：变量、起点、终点、点数</translation>
    </message>
    <message>
        <source>View and device</source>
        <translation>视图与设备</translation>
    </message>
    <message>
        <source>log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>equal aspect (a circle stays round)</source>
        <translation>等比例坐标（圆保持为圆）</translation>
    </message>
    <message>
        <source>log loss axis (curves)</source>
        <translation>对数损失轴（曲线）</translation>
    </message>
    <message>
        <source>auto, or low, high</source>
        <translation>auto，或 下限, 上限</translation>
    </message>
    <message>
        <source>A fixed colour range, to compare figures side by side</source>
        <translation>固定色标范围，便于并排比较多张图</translation>
    </message>
    <message>
        <source>Arrows of -grad per side (0: none)</source>
        <translation>每边负梯度箭头数（0：不画）</translation>
    </message>
    <message>
        <source>e.g. L1Loss, MSELoss</source>
        <translation>例如 L1Loss, MSELoss</translation>
    </message>
    <message>
        <source>Other losses drawn beside a 1-D curve, on the same inputs</source>
        <translation>在一维曲线旁、以相同输入画出的其他损失</translation>
    </message>
    <message>
        <source>No CUDA device on this machine</source>
        <translation>本机没有 CUDA 设备</translation>
    </message>
    <message>
        <source>colour map</source>
        <translation>色图</translation>
    </message>
    <message>
        <source>colour range</source>
        <translation>色标范围</translation>
    </message>
    <message>
        <source>contour lines</source>
        <translation>等高线</translation>
    </message>
    <message>
        <source>arrow density</source>
        <translation>箭头密度</translation>
    </message>
    <message>
        <source>compare (1-D)</source>
        <translation>对比（一维）</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>数据类型</translation>
    </message>
</context>
<context>
    <name>paths_panel</name>
    <message>
        <source>One per line, NAME:key=value,...; a tuple is betas=0.9/0.99. Optimizers: {names}</source>
        <translation>每行一个，格式为 名称:键=值,...；元组写作 betas=0.9/0.99。可用的优化器：{names}</translation>
    </message>
    <message>
        <source>the inputs&apos; point; or click the figure</source>
        <translation>输入所在的点；或在图上点击</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run every optimizer from the start on the swept slots</source>
        <translation>在扫描的变量上，从起点运行每个优化器</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>no paths yet</source>
        <translation>尚无路径</translation>
    </message>
    <message>
        <source>optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>step {step} of {steps}</source>
        <translation>第 {step} 步，共 {steps} 步</translation>
    </message>
</context>
<context>
    <name>precision_view</name>
    <message>
        <source>float64: the loss</source>
        <translation>float64：损失</translation>
    </message>
    <message>
        <source>log10 |difference|</source>
        <translation>log10 |差值|</translation>
    </message>
    <message>
        <source>|difference| to float64</source>
        <translation>与 float64 的 |差值|</translation>
    </message>
    <message>
        <source>Precision: float16, bfloat16, float32 against float64</source>
        <translation>精度：float16、bfloat16、float32 与 float64 对比</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export precision</source>
        <translation>导出精度对比</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
</context>
<context>
    <name>record_dialog</name>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>vary a slot over frames</source>
        <translation>逐帧改变一个变量</translation>
    </message>
    <message>
        <source>optimizer paths (the Optimizer panel&apos;s settings)</source>
        <translation>优化器路径（使用优化器面板的设置）</translation>
    </message>
    <message>
        <source>one colour range for all frames</source>
        <translation>所有帧使用同一色标范围</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>slot</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>width (px)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>height (px)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>file: choose where to write the recording</source>
        <translation>文件：请选择录制结果的保存位置</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
</context>
<context>
    <name>report_panel</name>
    <message>
        <source>model landscape {file}</source>
        <translation>模型损失地形 {file}</translation>
    </message>
    <message>
        <source>Hessian spectrum {file}</source>
        <translation>Hessian 谱 {file}</translation>
    </message>
    <message>
        <source>paths</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>图</translation>
    </message>
    <message>
        <source>{loss} over {axes} ({kind})</source>
        <translation>{loss}，变量 {axes}（{kind}）</translation>
    </message>
    <message>
        <source>its inputs</source>
        <translation>其输入</translation>
    </message>
    <message>
        <source>your caption for the selected figure</source>
        <translation>为选中的图写说明</translation>
    </message>
    <message>
        <source>Loss Explorer report</source>
        <translation>Loss Explorer 报告</translation>
    </message>
    <message>
        <source>Small multiples sharing one colour range when above 1</source>
        <translation>大于 1 时为共享同一色标范围的小图阵列</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>index.html, report.pdf and each figure&apos;s PNG, SVG, data, recipe</source>
        <translation>index.html、report.pdf，以及每张图的 PNG、SVG、数据和配方</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>列数</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>window geometry</source>
        <translation>窗口位置与大小</translation>
    </message>
    <message>
        <source>splitter positions</source>
        <translation>分隔条位置</translation>
    </message>
    <message>
        <source>last recipe ({error})</source>
        <translation>上次的配方（{error}）</translation>
    </message>
    <message>
        <source>Ignored saved settings: {what}</source>
        <translation>已忽略保存的设置：{what}</translation>
    </message>
</context>
<context>
    <name>spectrum_view</name>
    <message>
        <source>Hessian of the mean loss of {file} (sha256 {sha}) at {centre}, over {samples} samples and {parameters} parameters; {dtype}; {hvps} Hessian-vector products in {seconds} s.</source>
        <translation>{file}（sha256 {sha}）在 {centre} 处的平均损失的 Hessian，基于 {samples} 个样本和 {parameters} 个参数；{dtype}；{hvps} 次 Hessian-向量积，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Trace {estimate} +- {stderr} (Hutchinson, {samples} samples).</source>
        <translation>迹 {estimate} +- {stderr}（Hutchinson，{samples} 个样本）。</translation>
    </message>
    <message>
        <source>Sharpness at rho {rho}: worst rise {worst} (SAM&apos;s step {sam}), average {average} +- {stderr} over {samples} directions.</source>
        <translation>rho {rho} 处的锐度：最坏上升 {worst}（SAM 一步 {sam}），{samples} 个方向上的平均 {average} +- {stderr}。</translation>
    </message>
    <message>
        <source>top {k} eigenvalues</source>
        <translation>前 {k} 个特征值</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>eigenvalue</source>
        <translation>特征值</translation>
    </message>
    <message>
        <source>eigenvalue density (SLQ)</source>
        <translation>特征值密度（SLQ）</translation>
    </message>
    <message>
        <source>log10 density</source>
        <translation>log10 密度</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
</context>
<context>
    <name>studies</name>
    <message>
        <source>Landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>Optimizer paths</source>
        <translation>优化器路径</translation>
    </message>
    <message>
        <source>nothing drawn yet</source>
        <translation>尚未绘制任何图</translation>
    </message>
    <message>
        <source>every optimizer ran every step</source>
        <translation>每个优化器都跑完了全部步数</translation>
    </message>
    <message>
        <source>Paths: {summary}</source>
        <translation>路径：{summary}</translation>
    </message>
    <message>
        <source>the Optimizer panel: {error}</source>
        <translation>优化器面板：{error}</translation>
    </message>
    <message>
        <source>Recording: drawing frames</source>
        <translation>录制: 绘制帧</translation>
    </message>
    <message>
        <source>Recording: writing</source>
        <translation>录制: 写入文件</translation>
    </message>
    <message>
        <source>Recording: computing</source>
        <translation>录制: 计算</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Added to the report</source>
        <translation>已加入报告</translation>
    </message>
    <message>
        <source>No recording yet: File &gt; Record… makes one</source>
        <translation>还没有录制：用 文件 &gt; 录制… 生成一个</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>报告文件夹</translation>
    </message>
    <message>
        <source>Report: writing</source>
        <translation>报告: 写入文件</translation>
    </message>
    <message>
        <source>Wrote {html} and report.pdf</source>
        <translation>已写入 {html} 和 report.pdf</translation>
    </message>
    <message>
        <source>Report: computing</source>
        <translation>报告: 计算</translation>
    </message>
    <message>
        <source>Busy with {job}; cancel it first</source>
        <translation>正在进行 {job}；请先取消它</translation>
    </message>
</context>
<context>
    <name>trust_dialog</name>
    <message>
        <source>{file} has changed since you trusted it.</source>
        <translation>{file} 在您信任它之后已被修改。</translation>
    </message>
    <message>
        <source>{file} has not been run here before.</source>
        <translation>{file} 此前从未在本机运行过。</translation>
    </message>
    <message>
        <source>Run this file?</source>
        <translation>运行这个文件吗？</translation>
    </message>
    <message>
        <source>Running it runs its Python code with your permissions. Run it only if you know what it does.</source>
        <translation>运行它就会以您的权限执行其中的 Python 代码。只有在清楚它做什么时才运行。</translation>
    </message>
</context>
<context>
    <name>views</name>
    <message>
        <source>drag {arg}</source>
        <translation>拖动 {arg}</translation>
    </message>
    <message>
        <source>loss = {value}</source>
        <translation>损失 = {value}</translation>
    </message>
    <message>
        <source>3-D needs OpenGL, which the offscreen Qt platform does not provide</source>
        <translation>三维视图需要 OpenGL，而离屏 Qt 平台不提供</translation>
    </message>
    <message>
        <source>3-D needs PyOpenGL: {error}</source>
        <translation>三维视图需要 PyOpenGL：{error}</translation>
    </message>
    <message>
        <source>3-D needs OpenGL, and no OpenGL context could be created</source>
        <translation>三维视图需要 OpenGL，但无法创建 OpenGL 上下文</translation>
    </message>
    <message>
        <source>3-D needs OpenGL, and the context could not be made current</source>
        <translation>三维视图需要 OpenGL，但无法激活 OpenGL 上下文</translation>
    </message>
    <message>
        <source>{title}: loss {low} .. {high} (height scaled; {mesh} mesh of {full})</source>
        <translation>{title}：损失 {low} .. {high}（高度已缩放；{full} 的数据用 {mesh} 的网格显示）</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>{problem}; staying 2-D</source>
        <translation>{problem}；保持二维</translation>
    </message>
    <message>
        <source>Not drawn: {message}</source>
        <translation>未绘制：{message}</translation>
    </message>
    <message>
        <source>sum {sum} ({n} elements)</source>
        <translation>总和 {sum}（{n} 个元素）</translation>
    </message>
    <message>
        <source>At the inputs: loss {value}</source>
        <translation>在当前输入处：损失 {value}</translation>
    </message>
    <message>
        <source>{device}, compute process</source>
        <translation>{device}，计算进程</translation>
    </message>
    <message>
        <source>{device}, in the window&apos;s process</source>
        <translation>{device}，窗口所在进程</translation>
    </message>
    <message>
        <source>computed in {ms} ms</source>
        <translation>计算用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>redrawn from the kept result in {ms} ms</source>
        <translation>由保留的结果重绘，用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>{grid} points</source>
        <translation>{grid} 个点</translation>
    </message>
    <message>
        <source>Loss Explorer</source>
        <translation>Loss Explorer 损失函数探索器</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Compare L1 / MSE / Huber / SmoothL1</source>
        <translation>对比 L1 / MSE / Huber / SmoothL1</translation>
    </message>
    <message>
        <source>Overlay the regression losses on a 1-D curve</source>
        <translation>在一维曲线上叠加各回归损失</translation>
    </message>
    <message>
        <source>3-D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>Loss functions</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Model landscape</source>
        <translation>模型损失地形</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this computation; the last figure stays</source>
        <translation>停止本次计算；保留上一张图</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open recipe…</source>
        <translation>打开配方(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save recipe…</source>
        <translation>保存配方(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;your losses…</source>
        <translation>打开自定义损失(&amp;Y)…</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export S&amp;VG…</source>
        <translation>导出 SVG(&amp;V)…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Export data (&amp;CSV)…</source>
        <translation>导出数据 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export data (&amp;NPZ)…</source>
        <translation>导出数据 NPZ(&amp;N)…</translation>
    </message>
    <message>
        <source>Copy figure</source>
        <translation>复制图</translation>
    </message>
    <message>
        <source>&amp;Record…</source>
        <translation>录制(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Add figure to report</source>
        <translation>将图加入报告(&amp;A)</translation>
    </message>
    <message>
        <source>Add last recording to report</source>
        <translation>将上次录制加入报告</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next loss</source>
        <translation>下一个损失(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous loss</source>
        <translation>上一个损失(&amp;P)</translation>
    </message>
    <message>
        <source>Filter losses</source>
        <translation>筛选损失函数</translation>
    </message>
    <message>
        <source>Compare &amp;precisions…</source>
        <translation>比较精度(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when Loss Explorer starts again</source>
        <translation>语言将在下次启动 Loss Explorer 时切换</translation>
    </message>
    <message>
        <source>No loss matches the filter</source>
        <translation>没有与筛选条件匹配的损失函数</translation>
    </message>
    <message>
        <source>{label}: cancelled; nothing was written</source>
        <translation>{label}：已取消；未写入任何文件</translation>
    </message>
    <message>
        <source>{label} failed: {message}</source>
        <translation>{label} 失败：{message}</translation>
    </message>
    <message>
        <source>Cancelled; the last figure stays</source>
        <translation>已取消；保留上一张图</translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <source>{loss} not compared: {error}</source>
        <translation>未与 {loss} 对比：{error}</translation>
    </message>
</context>
</TS>
