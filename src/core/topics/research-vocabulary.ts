/**
 * The research vocabulary: families of terms that name the same operation, method, task or
 * modality in ML and neighbouring fields. This file is data, reviewed like prose: each family
 * has one line of source or reasoning. How it is applied (vocabulary-rules.ts):
 * - `terms` are equivalent names: a topic naming any of them reaches papers naming any other,
 *   with full weight (one title or keyword hit, or two abstract mentions, match).
 * - `near` are narrower names or the usual ways papers describe the thing without naming it;
 *   they count 0.6 per mention (a title or keyword hit, or four abstract mentions) and never
 *   trigger the family themselves, so a topic `grasping` does not widen to all of manipulation.
 * - `context`, when given, is a list of words of which one must occur somewhere in the paper
 *   for a `near` term to count (`transcription` counts for speech recognition only beside
 *   speech or audio).
 * - `guarded` are abbreviations with other senses: they trigger the family and count fully,
 *   but only beside a `context` word.
 * - `not` are other senses of the family's words; an occurrence inside one does not count
 *   (dataset distillation is not knowledge distillation).
 * Every word matches its word family (plural, -ize/-ise lexeme, spelling); hyphens and spaces
 * are equal. Keep distinctions that matter: tokenization never reaches `token`, quantization
 * never reaches `quantum`.
 */

/** One family of equivalent research terms. */
export interface VocabularyFamily {
  /** Why these terms are the same thing: a source or one line of reasoning. */
  why: string;
  /** Equivalent names, each of which triggers the family (weight 1). */
  terms: readonly string[];
  /** Narrower names or descriptions that count for the family but do not trigger it (weight 0.6). */
  near?: readonly string[];
  /** Words of which one must occur in the paper for a `near` term to count. */
  context?: readonly string[];
  /** Abbreviations with other senses (ASR is also "attack success rate"): they trigger the family, but count only beside a `context` word. */
  guarded?: readonly string[];
  /** Other senses whose occurrences do not count. */
  not?: readonly string[];
}

/** The families, grouped loosely by area. */
export const RESEARCH_VOCABULARY: readonly VocabularyFamily[] = [
  // ---- language models and text
  { why: "Subword tokenizers (Sennrich 2016; Kudo 2018) are how a tokenizer segments text; 'segmentation' alone is too broad.", terms: ["tokenization", "subword segmentation", "subword tokenization"], near: ["subword units", "vocabulary construction", "vocabulary allocation", "unigram segmentation", "tokenizer free", "byte level language model"], not: ["chinese word segmentation"] },
  { why: "Speculative decoding (Leviathan 2023) = speculative sampling (Chen 2023) = assisted generation (HF transformers) = draft-then-verify.", terms: ["speculative decoding", "speculative sampling", "assisted generation", "draft and verify", "draft then verify"], near: ["draft model", "draft tokens", "tree based verification", "token tree verification", "jacobi decoding", "parallel decoding", "lookahead decoding", "acceptance rate", "acceptance length"], context: ["verify", "verifies", "verified", "verification", "accepted", "acceptance", "lossless", "speedup", "latency", "inference", "decoding"], not: ["speculative execution"] },
  { why: "Retrieval-augmented generation (Lewis 2020); 'retrieval-enhanced', 'search-augmented', 'knowledge-augmented' and 'retrieve-then-read' name the same pipeline.", terms: ["retrieval augmented generation", "retrieval augmented", "retrieval enhanced generation", "retrieval enhanced", "search augmented", "knowledge augmented generation", "retrieve then read", "rag"], near: ["retrieved passages", "retrieved documents", "retrieved snippets", "grounded in retrieved", "retrieved documentation", "open domain question answering", "grounded generation"], context: ["generate", "generation", "generates", "generated", "answer", "answers", "llm", "llms", "language model", "language models"] },
  { why: "Large language model is abbreviated LLM everywhere since 2023.", terms: ["large language model", "llm"] },
  { why: "Chain-of-thought (Wei 2022) is prompted step-by-step reasoning; CoT is its abbreviation.", terms: ["chain of thought", "cot", "step by step reasoning"], near: ["reasoning traces", "intermediate reasoning steps", "rationales"] },
  { why: "In-context learning (Brown 2020) is few-shot prompting with demonstrations in the prompt.", terms: ["in context learning", "icl", "few shot prompting"], near: ["in context examples", "demonstrations in the prompt"] },
  { why: "Instruction tuning (Wei 2022; Ouyang 2022) is supervised fine-tuning on instruction-response pairs.", terms: ["instruction tuning", "instruction fine tuning", "supervised fine tuning", "sft"], near: ["instruction following data", "self instruct"] },
  { why: "Parameter-efficient fine-tuning covers LoRA (Hu 2021), adapters (Houlsby 2019), prefix and prompt tuning.", terms: ["parameter efficient fine tuning", "peft"], near: ["lora", "low rank adaptation", "low rank adapters", "adapters", "prefix tuning", "prompt tuning"] },
  { why: "LoRA is low-rank adaptation (Hu 2021).", terms: ["lora", "low rank adaptation", "low rank adapters"] },
  { why: "RLHF (Christiano 2017; Ouyang 2022) trains a reward model on human preferences and optimises the policy against it.", terms: ["reinforcement learning from human feedback", "rlhf"], near: ["reward model", "human preference", "preference optimization", "ppo"] },
  { why: "DPO and its successors optimise on preference pairs directly (Rafailov 2023); 'preference optimization' is the family name.", terms: ["preference optimization", "direct preference optimization", "dpo"], near: ["preference pairs", "pairwise preferences"] },
  { why: "Alignment of LLMs: RLHF, constitutional methods and safety fine-tuning all aim at aligned behaviour.", terms: ["alignment", "llm alignment"], near: ["rlhf", "preference optimization", "constitutional ai"], not: ["sequence alignment", "multiple sequence alignment", "image alignment", "alignment of images", "word alignment"] },
  { why: "Hallucination in generation = unfaithful or unsupported content (Ji 2023 survey).", terms: ["hallucination", "confabulation"], near: ["unsupported content", "faithfulness", "factual errors", "factuality"] },
  { why: "Jailbreaks are adversarial prompts against aligned models (Zou 2023).", terms: ["jailbreak", "jailbreaking"], near: ["adversarial prompts", "adversarial suffixes", "prompt injection", "red teaming"] },
  { why: "Machine translation; NMT is neural MT.", terms: ["machine translation", "neural machine translation", "nmt"], near: ["translation model", "bleu"], context: ["translation", "translate", "translating", "language pairs", "bilingual"] },
  { why: "Summarization tasks: abstractive and extractive summarisation.", terms: ["summarization", "abstractive summarization", "extractive summarization"] },
  { why: "Question answering; QA is the abbreviation, open-domain QA a variant.", terms: ["question answering", "qa"], not: ["quality assurance"] },
  { why: "Named entity recognition = NER = entity tagging.", terms: ["named entity recognition", "ner", "entity tagging"] },
  { why: "Sentiment analysis = opinion mining = polarity classification.", terms: ["sentiment analysis", "opinion mining", "sentiment classification"] },
  { why: "Text embeddings for similarity: sentence embeddings / sentence encoders (Reimers 2019).", terms: ["sentence embeddings", "text embeddings", "sentence encoders"] },
  { why: "Watermarking generated text or images; 'provenance marks' name the same.", terms: ["watermarking", "watermark"] },
  { why: "Machine unlearning removes the influence of training data (Bourtoule 2021).", terms: ["machine unlearning", "unlearning"], near: ["forget set", "right to be forgotten"] },
  { why: "Knowledge editing = model editing (Meng 2022, ROME).", terms: ["knowledge editing", "model editing"] },
  { why: "Mechanistic interpretability: circuits, sparse autoencoders, probing of internals.", terms: ["interpretability", "mechanistic interpretability", "explainability", "xai", "explainable ai"], near: ["sparse autoencoders", "circuits", "probing", "feature attribution", "saliency maps"] },
  { why: "Scaling laws (Kaplan 2020; Hoffmann 2022) are power laws of loss in compute, data and parameters.", terms: ["scaling laws"], near: ["compute optimal", "power law"] },

  // ---- efficiency and architectures
  { why: "Quantization of weights/activations to fewer bits (Jacob 2018; Frantar 2022); low-bit, binarized and mixed-precision models are quantized models.", terms: ["quantization", "low bit", "low precision inference", "binarization", "binarized neural networks", "ternary weights", "mixed precision quantization"], near: ["4 bit weights", "3 bits per parameter", "2 bit", "int4", "int8", "fp8", "fp4", "mixed precision", "bits per weight", "weight only quantization", "sign activations", "xnor", "post training calibration"], not: ["vector quantization", "product quantization", "finite scalar quantization", "lookup free quantization", "canonical quantization", "second quantization", "quantization of gauge", "quantization of gravity", "residual vector quantization"] },
  { why: "Pruning removes weights, neurons or layers; sparsification is the same operation.", terms: ["pruning", "sparsification", "weight pruning"], near: ["lottery ticket", "unstructured sparsity", "structured sparsity", "layer removal"], not: ["token pruning", "visual token pruning", "data pruning", "alpha beta pruning"] },
  { why: "Knowledge distillation (Hinton 2015): a student is trained to reproduce a teacher; teacher-student training, logit matching and feature transfer are its forms.", terms: ["knowledge distillation", "distillation", "teacher student", "teacher student training", "self distillation", "on policy distillation"], near: ["distill", "distilled", "student model", "teacher model", "soft labels", "soft targets", "dark knowledge", "logit matching", "small student", "compressed model", "model compression", "knowledge transfer"], context: ["teacher", "teachers", "student", "students", "large model", "larger model", "compress", "compression", "smaller model", "small model", "small models", "shallow model", "compact"], not: ["dataset distillation", "data distillation", "distillation column", "distillation columns", "fractional distillation", "distilled water", "dataset condensation"] },
  { why: "Mixture of experts (Shazeer 2017; Fedus 2021 'Switch'): sparsely activated expert layers with a router.", terms: ["mixture of experts", "moe", "sparse mixture of experts"], near: ["expert layers", "expert routing", "sparse routing", "top 2 gating", "top k gating", "routed feed forward", "sparsely activated", "expert parallelism", "load balancing loss", "expert feed forward"], context: ["expert", "experts", "router", "routing", "routed", "gate", "gating"] },
  { why: "Long context: context-window extension (Chen 2023), length extrapolation (Press 2022), long-input benchmarks.", terms: ["long context", "long context modeling", "context window extension", "extended context", "long sequence modeling"], near: ["context window", "context length", "sequence length", "length extrapolation", "length generalization", "long inputs", "lengthy inputs", "long documents", "lengthy documents", "million tokens", "1m tokens", "128k tokens", "needle in a haystack", "passkey retrieval", "positional interpolation", "book length", "long range dependencies"], context: ["long", "longer", "lengthy", "extend", "extended", "extending", "extrapolate", "extrapolation", "million", "100k", "128k", "32k", "1m", "beyond"] },
  { why: "Efficient attention for long sequences: sparse, linear, sliding-window attention.", terms: ["efficient attention", "sparse attention", "linear attention", "sliding window attention"] },
  { why: "KV cache = key-value cache of autoregressive transformers.", terms: ["kv cache", "key value cache"] },
  { why: "State space models (Gu 2022, S4; Gu 2023, Mamba).", terms: ["state space model", "ssm", "mamba", "structured state space"] },
    { why: "Neural architecture search = NAS (Zoph 2017).", terms: ["neural architecture search", "nas", "architecture search"] },
  { why: "Model merging combines fine-tuned weights (Wortsman 2022; Ilharco 2023 'task arithmetic').", terms: ["model merging", "weight averaging", "task arithmetic", "model soups"] },

  // ---- generative models and vision
  { why: "Diffusion models (Ho 2020) are denoising score-based generative models (Song 2021); consistency models and DiTs are diffusion models.", terms: ["diffusion", "diffusion model", "denoising diffusion", "score based generative", "score based model", "denoising score matching", "consistency models", "diffusion transformer", "latent diffusion"], near: ["noising process", "denoising model", "denoiser", "score matching", "probability flow ode", "noise schedule"], context: ["generate", "generation", "generative", "generator", "sampling", "samples", "synthesis", "image", "images"], not: ["diffusion mri", "diffusion weighted", "diffusion tensor", "diffusion imaging", "information diffusion", "reaction diffusion", "graph diffusion", "heat diffusion", "anomalous diffusion", "diffusion coefficient", "diffusion convolution"] },
  { why: "Flow matching (Lipman 2023), rectified flow (Liu 2023) and stochastic interpolants (Albergo 2023) learn a transport velocity field.", terms: ["flow matching", "rectified flow", "stochastic interpolants", "conditional flow matching"], near: ["velocity field", "transport map"], context: ["generate", "generation", "generative", "generator", "sampling", "distribution"] },
  { why: "Generative adversarial networks = GANs (Goodfellow 2014).", terms: ["generative adversarial network", "gan", "adversarial generator"] },
  { why: "Variational autoencoders = VAEs (Kingma 2014).", terms: ["variational autoencoder", "vae"] },
  { why: "Text-to-image generation = image synthesis from text.", terms: ["text to image", "text to image generation", "image synthesis", "image generation"] },
  { why: "Video generation = text-to-video = video synthesis.", terms: ["video generation", "text to video", "video synthesis"] },
  { why: "Vision-language models (VLMs), multimodal LLMs (MLLMs), large vision-language models (LVLMs) and large multimodal models (LMMs) are the same class.", terms: ["vision language model", "vlm", "lvlm", "large vision language model", "multimodal large language model", "mllm", "large multimodal model", "multimodal llm"], near: ["image text", "image and text", "image captioning", "visual question answering", "vqa", "visual instruction tuning", "contrastive language image", "image text pairs", "image encoder", "vision encoder", "frozen image encoder", "multimodal models", "multimodal chat models", "gpt 4v", "visual grounding", "referring expressions", "chart understanding", "diagram question answering"], context: ["language", "text", "textual", "caption", "captions", "question", "questions", "llm", "llms", "instruction", "instructions", "prompt", "prompts"] },
  { why: "Visual question answering = VQA.", terms: ["visual question answering", "vqa"] },
  { why: "Optical character recognition = OCR = text recognition in images.", terms: ["optical character recognition", "ocr", "scene text recognition"] },
  { why: "Object detection: detectors predicting bounding boxes.", terms: ["object detection", "object detector"], near: ["bounding boxes", "detection transformer"] },
  { why: "Semantic segmentation and its instance/panoptic variants.", terms: ["semantic segmentation", "image segmentation", "instance segmentation", "panoptic segmentation"] },
  { why: "Novel view synthesis via NeRF (Mildenhall 2020) or Gaussian splatting (Kerbl 2023) is 3D reconstruction from images.", terms: ["novel view synthesis", "neural radiance fields", "nerf", "gaussian splatting", "3d reconstruction", "radiance field"] },
  { why: "Depth estimation from images; monocular depth is its common setting.", terms: ["depth estimation", "monocular depth"] },
  { why: "Self-supervised learning; contrastive learning (Chen 2020) and masked image modelling (He 2022) are its main forms.", terms: ["self supervised learning", "self supervised"], near: ["contrastive learning", "masked autoencoders", "masked image modeling"] },
  { why: "Contrastive learning (InfoNCE, SimCLR) pulls positives together and pushes negatives apart.", terms: ["contrastive learning", "contrastive pretraining", "infonce"] },
  { why: "Medical imaging covers radiology, pathology and MRI/CT analysis.", terms: ["medical imaging", "medical image analysis", "medical images"], near: ["radiology", "radiographs", "pathology slides", "ct scans", "mri scans"] },

  // ---- learning paradigms
  { why: "Reinforcement learning: policy optimisation, actor-critic, Q-learning, bandits-with-state (MDPs) are RL (Sutton & Barto).", terms: ["reinforcement learning", "rl", "deep reinforcement learning", "policy optimization", "policy gradient", "actor critic", "q learning", "markov decision process", "verifiable rewards", "rlvr", "grpo", "ppo"], near: ["reward shaping", "value function", "sparse rewards", "offline policy", "optimal policy", "environment interactions"], context: ["reward", "rewards", "policy", "policies", "agent", "environment", "environments"], not: ["reinforcement of concrete", "fiber reinforcement", "steel reinforcement", "reinforced concrete"] },
  { why: "Imitation learning = behaviour cloning = learning from demonstrations.", terms: ["imitation learning", "behavior cloning", "learning from demonstrations"] },
  { why: "Federated learning (McMahan 2017): clients train locally and a server aggregates updates; FedAvg, cross-silo and cross-device training are its forms.", terms: ["federated learning", "federated", "federated optimization", "federated averaging", "fedavg", "federated training", "federated fine tuning", "cross silo", "cross device"], near: ["decentralized data", "model averaging", "clients", "secure aggregation", "local updates", "without sharing", "client drift", "on device training", "collaborative learning"], context: ["server", "clients", "client", "devices", "device", "phones", "hospitals", "sites", "participants", "aggregate", "aggregated", "aggregation", "aggregating", "privacy", "private"], not: ["federated search", "federated databases", "federated database", "federated identity", "federated query"] },
  { why: "Differential privacy (Dwork 2006); DP-SGD (Abadi 2016) is its training form.", terms: ["differential privacy", "differentially private", "dp sgd"] },
  { why: "Continual learning = lifelong learning = incremental learning; catastrophic forgetting is its problem.", terms: ["continual learning", "lifelong learning", "incremental learning"], near: ["catastrophic forgetting"] },
  { why: "Domain adaptation handles train/test domain shift.", terms: ["domain adaptation", "domain generalization"], near: ["domain shift", "distribution shift"] },
  { why: "Meta-learning = learning to learn (Finn 2017).", terms: ["meta learning", "learning to learn"] },
  { why: "Few-shot learning learns from a handful of labelled examples.", terms: ["few shot learning", "few shot classification"] },
  { why: "Semi-supervised learning combines few labels with unlabelled data.", terms: ["semi supervised learning", "semi supervised"] },
  { why: "Active learning selects which examples to label.", terms: ["active learning"] },
  { why: "Adversarial robustness: adversarial examples and attacks/defences.", terms: ["adversarial robustness", "adversarial examples", "adversarial attacks", "adversarial training"] },
  { why: "Causal inference and causal discovery (Pearl).", terms: ["causal inference", "causal discovery", "causal structure learning"] },
  { why: "Bayesian optimisation with Gaussian-process surrogates.", terms: ["bayesian optimization"] },
  { why: "Graph neural networks: message passing networks (Gilmer 2017), GCN (Kipf 2017), GAT (Velickovic 2018), graph transformers, equivariant atom-graph networks.", terms: ["graph neural network", "gnn", "message passing neural network", "message passing network", "graph convolutional network", "gcn", "graph attention network", "graph transformer", "graph network", "temporal graph network", "graph diffusion convolution"], near: ["message passing", "node classification", "link prediction", "graph property prediction", "node features", "neighbouring nodes", "over squashing", "over smoothing", "weisfeiler lehman", "graph structured data", "graph rewiring", "node representations"], context: ["graph", "graphs", "node", "nodes", "edges", "mesh", "atoms", "molecules", "molecular"], not: ["knowledge graph completion", "scene graph", "computational graph", "spectral graph theory"] },
  { why: "Knowledge graphs store entity-relation triples.", terms: ["knowledge graph"] },
  { why: "Recommender systems: collaborative filtering and sequential recommendation.", terms: ["recommender system", "collaborative filtering"], near: ["recommendation"] },
  { why: "Anomaly detection = outlier detection = novelty detection.", terms: ["anomaly detection", "outlier detection", "novelty detection"] },
  { why: "Time-series forecasting predicts future values of a series.", terms: ["time series forecasting"], near: ["forecasting"], context: ["series"] },

  // ---- agents, code, robotics
  { why: "LLM agents use tools and act in environments (Yao 2023 ReAct; Schick 2023 Toolformer); tool use, function calling, computer use and web agents are agent work.", terms: ["agent", "agentic", "llm agents", "autonomous agents", "multi agent", "multiagent"], near: ["tool use", "tool using", "tool calls", "function calling", "api calls", "call apis", "computer use", "gui automation", "web navigation"], context: ["llm", "llms", "language model", "language models", "model", "models"], not: ["contrast agent", "contrast agents", "chemical agent", "therapeutic agent", "antimicrobial agent", "agent based model", "agent based modeling", "agent based modelling", "agent based simulation", "user agent", "user agent strings"] },
  { why: "Tool use by language models = function calling = API calls (Schick 2023; OpenAI function calling).", terms: ["tool use", "tool learning", "function calling", "tool calling", "tool augmented"] },
  { why: "Code generation: program synthesis, code completion and code LLMs all write programs (Chen 2021 Codex; Li 2022 AlphaCode).", terms: ["code generation", "program synthesis", "code synthesis", "code completion", "code llm", "code language model", "code generating", "generating code", "writing code", "program repair"], near: ["automated program repair", "bug fixing", "patches", "write programs", "writing programs", "generated programs", "generated code", "candidate programs", "text to sql", "fill in the middle", "humaneval", "programming problems", "competitive programming", "unit tests", "repository level"], context: ["program", "programs", "programming", "code", "source code", "python", "java", "sql", "function", "functions"], not: ["genetic code", "error correcting code", "parity check code", "ldpc code", "source code authorship"] },
  { why: "Robot manipulation: grasping, pick-and-place, dexterous and bimanual manipulation, assembly (Mason 2001; Levine 2016).", terms: ["robot manipulation", "robotic manipulation", "dexterous manipulation", "bimanual manipulation", "in hand manipulation", "mobile manipulation", "contact rich manipulation", "manipulation policy", "manipulation policies", "robotic grasping", "robot grasping"], near: ["grasping", "grasp", "pick and place", "pick up", "in hand reorientation", "peg in hole", "cloth folding", "folding garments", "object rearrangement", "tabletop", "vision language action", "visuomotor policy", "teleoperation", "robot arm", "dexterous hand", "manipulation tasks", "manipulation", "gripper"], context: ["robot", "robots", "robotic", "arm", "arms", "gripper", "grippers", "hands", "fingered", "dexterous"], not: ["image manipulation", "market manipulation", "manipulation detection", "data manipulation", "psychological manipulation"] },
  { why: "Robot, robotic and robotics name one field.", terms: ["robot", "robotic"] },
  { why: "Legged locomotion of robots; humanoid and quadruped walking.", terms: ["legged locomotion", "quadruped locomotion", "humanoid locomotion"] },
  { why: "Autonomous driving = self-driving vehicles.", terms: ["autonomous driving", "self driving", "autonomous vehicles"] },
  { why: "World models predict future observations for planning (Ha 2018).", terms: ["world model"] },
  { why: "Embodied AI: agents acting in physical or simulated 3D environments.", terms: ["embodied ai", "embodied agents", "embodied"] },

  // ---- speech and audio
  { why: "Automatic speech recognition = ASR = speech-to-text = transcription of speech (Radford 2022 Whisper).", terms: ["speech recognition", "automatic speech recognition", "speech to text", "speech recognizer", "speech transcription"], guarded: ["asr"], near: ["transcription", "transcribing", "transcribe", "transcriber", "transcripts", "word error rate", "wer", "character error rate", "neural transducer", "rnn transducer", "conformer", "dictation", "voice search", "spoken queries", "lip reading", "acoustic model", "whisper", "librispeech"], context: ["speech", "spoken", "audio", "voice", "acoustic", "utterances", "speakers"], not: ["transcription factor", "transcription factors", "gene transcription", "transcriptional", "reverse transcription"] },
  { why: "Text-to-speech = TTS = speech synthesis.", terms: ["text to speech", "tts", "speech synthesis"] },
  { why: "Speaker recognition covers verification and identification.", terms: ["speaker recognition", "speaker verification", "speaker identification"] },

  // ---- science
  { why: "Protein structure prediction: folding models (Jumper 2021 AlphaFold; Lin 2023 ESMFold), complex prediction, cryo-EM model building, backbone design.", terms: ["protein structure", "protein structure prediction", "protein folding", "alphafold", "esmfold"], near: ["folding model", "folding network", "folding head", "predicted structures", "predicted models", "three dimensional structure", "three dimensional models", "3d structure", "atomic models", "atomic model building", "tertiary structure", "backbone generation", "protein backbones", "inverse folding", "structure prediction", "protein complexes", "cryo em", "density maps", "multiple sequence alignments", "protein design"], context: ["protein", "proteins", "amino acids", "amino acid", "antibody", "antibodies", "residues", "proteome"], not: ["crystal structure prediction", "dietary protein", "protein intake"] },
  { why: "Molecular dynamics simulates atomic trajectories with force fields.", terms: ["molecular dynamics", "md simulations"], near: ["force field", "interatomic potentials"] },
  { why: "Drug discovery: virtual screening, binding affinity and molecule generation.", terms: ["drug discovery", "virtual screening", "drug design"], near: ["binding affinity", "molecular generation", "drug target interaction"] },
  { why: "Weather and climate forecasting with ML.", terms: ["weather forecasting", "climate modeling", "weather prediction"] },
  { why: "Theorem proving in formal systems (Lean, Isabelle).", terms: ["theorem proving", "automated theorem proving", "formal proofs"] },
  { why: "Mathematical reasoning of LLMs: math word problems, competition math.", terms: ["mathematical reasoning", "math reasoning", "math word problems"] },
];
