package ppi

import "strings"

// IPA published no Indonesian wording for any national card (SOURCES.md), so
// these are ours: natural Indonesian in the terms of BPS's SUSENAS
// questionnaire (anggota rumah tangga, kepala rumah tangga, jamban, cubluk ...)
// that enumerators already know. They are keyed by the English text as
// published (white space collapsed, case ignored), so the same wording is found
// whether a card comes from a workbook or from CSV, and a new card that reuses
// a question gets its translation. Province names are proper names and stay
// as printed, spelling slips included (Bengulu, Kepuluan Riau). Text with no
// entry here keeps an empty Indonesian field and is shown in English.
var indonesian = map[string]string{
	// Shared answers.
	"Yes": "Ya", "No": "Tidak", "Don't know": "Tidak tahu", "None": "Tidak ada",
	"One": "Satu", "Two": "Dua", "Three": "Tiga", "Four": "Empat", "Five": "Lima",
	"Six or more": "Enam atau lebih", "One or two": "Satu atau dua", "Four or more": "Empat atau lebih",
	"Two or three": "Dua atau tiga", "Five or more": "Lima atau lebih", "None or one": "Tidak ada atau satu",
	"Two or more": "Dua atau lebih", "Less than 4": "Kurang dari 4", "4 or 5": "4 atau 5", "6 or more": "6 atau lebih",
	"Others": "Lainnya",

	// 2009 (Chen and Schreiner, SUSENAS 2007).
	"How many members does the household have?":                               "Berapa jumlah anggota rumah tangga?",
	"How many household members aged 5 to 18 are currently attending school?": "Berapa anggota rumah tangga berumur 5 sampai 18 tahun yang saat ini masih bersekolah?",
	"Not all, or no children aged 5 to 18":                                    "Tidak semua, atau tidak ada anak berumur 5 sampai 18 tahun",
	"All":                                                                     "Semua",
	"In the past week, how many household members ages 11 or older worked or had a job/work/business?": "Dalam seminggu terakhir, berapa anggota rumah tangga berumur 11 tahun ke atas yang bekerja atau mempunyai pekerjaan/usaha?",
	"What is the main source of drinking water of the household?":                                      "Apa sumber utama air minum rumah tangga?",
	"Public utilities retail, safe/unsafe well, safe/unsafe water spring, river, rain water, or other": "Air ledeng eceran, sumur terlindung/tak terlindung, mata air terlindung/tak terlindung, sungai, air hujan, atau lainnya",
	"Public utilities (in pipes), or drilled/pumped well":                                              "Air ledeng (perpipaan), atau sumur bor/pompa",
	"From manufacturing":                           "Air kemasan (air mineral/isi ulang)",
	"What type of toilet does the household have?": "Jenis jamban apa yang dimiliki rumah tangga?",
	"Toilet over water, hole in ground/river, no toilet, or no one uses bathroom facility": "Jamban di atas air (cemplung), lubang tanah/sungai, tidak punya jamban, atau tidak ada yang memakai fasilitas buang air",
	"Flush/sitting toilet":                            "Kloset siram/kloset duduk",
	"What is the household's main flooring material?": "Apa jenis lantai utama rumah?",
	"Earth/soil":     "Tanah",
	"Not earth/soil": "Bukan tanah",
	"What is the household's main ceiling material?":                    "Apa bahan utama langit-langit (plafon) rumah?",
	"Bamboo, other, or does not have":                                   "Bambu, lainnya, atau tidak ada",
	"Concrete, gypsum, wood, or asbestos":                               "Beton, gipsum, kayu, atau asbes",
	"Does the household own a refrigerator?":                            "Apakah rumah tangga memiliki lemari es (kulkas)?",
	"Does the household own a motorcycle?":                              "Apakah rumah tangga memiliki sepeda motor?",
	"Does the household own a television?":                              "Apakah rumah tangga memiliki televisi?",
	"How many household members are there?":                             "Berapa jumlah anggota rumah tangga?",
	"Do all household members ages 6 to 18 go to school?":               "Apakah semua anggota rumah tangga berumur 6 sampai 18 tahun bersekolah?",
	"No members ages 6 to 18":                                           "Tidak ada anggota berumur 6 sampai 18 tahun",
	"Does the household have a gas cylinder of 12kg or more?":           "Apakah rumah tangga memiliki tabung gas 12 kg atau lebih?",
	"Does the household have a refrigerator or freezer?":                "Apakah rumah tangga memiliki lemari es (kulkas) atau freezer?",
	"Does the household have a motorcycle, scooter, or motorized boat?": "Apakah rumah tangga memiliki sepeda motor, skuter, atau perahu motor?",

	// 2012 (Schreiner, SUSENAS 2010).
	"What is the highest level of education that the female head/spouse has completed?": "Apa pendidikan tertinggi yang ditamatkan kepala rumah tangga perempuan atau istri kepala rumah tangga?",
	"Grade school (incl. disabled, Islamic, or non-formal)":                             "SD (termasuk SDLB, MI, atau Paket A)",
	"Junior-high school (incl. disabled, Islamic, or non-formal)":                       "SMP (termasuk SMPLB, MTs, atau Paket B)",
	"No female head/spouse":                                                                    "Tidak ada kepala rumah tangga perempuan atau istri",
	"Vocational school (high-school level)":                                                    "SMK (sekolah menengah kejuruan)",
	"High school (incl. disabled, Islamic, or non-formal)":                                     "SMA (termasuk SMALB, MA, atau Paket C)",
	"Diploma (one-year or higher), or higher":                                                  "Diploma (D1 ke atas), atau lebih tinggi",
	"What was the employment status of the male head/spouse in the past week in his main job?": "Apa status pekerjaan utama kepala rumah tangga laki-laki atau suami kepala rumah tangga dalam seminggu terakhir?",
	"No male head/spouse":                                                                      "Tidak ada kepala rumah tangga laki-laki atau suami",
	"Not working, or unpaid worker":                                                            "Tidak bekerja, atau pekerja tidak dibayar (pekerja keluarga)",
	"Self-employed":                                                                            "Berusaha sendiri",
	"Business owner with only temporary or unpaid workers":                                     "Berusaha dibantu buruh tidak tetap atau buruh tidak dibayar",
	"Wage or salary employee":                                                                  "Buruh/karyawan/pegawai",
	"Business owner with some permanent or paid workers":                                       "Berusaha dibantu buruh tetap atau buruh dibayar",
	"What is the main material of the floor?":                                                  "Apa bahan utama lantai rumah?",
	"Earth or bamboo":                                                                          "Tanah atau bambu",
	"What type of toilet arrangement does the household have?":                                 "Bagaimana fasilitas jamban yang dipakai rumah tangga?",
	"None, or latrine":                                                                         "Tidak ada, atau jamban cemplung",
	"Non-flush to a septic tank":                                                               "Bukan kloset siram, ke tangki septik",
	"Flush":                                                                                    "Kloset siram",
	"What is the main cooking fuel?":                                                           "Apa bahan bakar utama untuk memasak?",
	"Firewood, charcoal, or coal":                                                              "Kayu bakar, arang, atau batu bara",
	"Gas/LPG, kerosene, electricity, others, or does not cook":                                 "Gas/elpiji, minyak tanah, listrik, lainnya, atau tidak memasak",

	// 2020 (IPA, SUSENAS 2016).
	"In which province does the household live?":                                                               "Di provinsi mana rumah tangga tinggal?",
	"This question should be answered by the enumerator. Do not ask this question directly to the respondent.": "Pertanyaan ini diisi oleh pencacah. Jangan tanyakan langsung kepada responden.",
	"How many members are there in the household?":                                                             "Berapa jumlah anggota rumah tangga?",
	"Complete the household roster provided with the scorecard and then mark the response to this question. The number of household members corresponds to the number of lines filled in the household roster.": "Isi daftar anggota rumah tangga yang disertakan dengan kartu skor, lalu tandai jawaban pertanyaan ini. Jumlah anggota rumah tangga sama dengan jumlah baris yang terisi pada daftar tersebut.",
	"How many household members are between 0 and 5 years of age?":                                                       "Berapa anggota rumah tangga yang berumur 0 sampai 5 tahun?",
	"How many household members are between 6 and 10 years of age?":                                                      "Berapa anggota rumah tangga yang berumur 6 sampai 10 tahun?",
	"In the past three months, did the household head access the internet (including Facebook, Twitter, BBM, Whatsapp)?": "Dalam tiga bulan terakhir, apakah kepala rumah tangga mengakses internet (termasuk Facebook, Twitter, BBM, WhatsApp)?",
	"Accessing the internet is when someone takes the time to access the internet, so that she can use or enjoy internet facilities, such as searching for literature/information, searching/sending information, e-mail, chat, social media, online games, etc.": "Mengakses internet berarti meluangkan waktu untuk masuk ke internet agar dapat memakai atau menikmati fasilitasnya, misalnya mencari bacaan/informasi, mencari/mengirim informasi, surel (e-mail), obrolan (chat), media sosial, gim daring, dan sebagainya.",
	"Does the household have a refrigerator?": "Apakah rumah tangga memiliki lemari es (kulkas)?",
	"If the item is still in credit process, being pawned or used by someone else outside the household, the answer to this question should be “Yes”. If the respondent says she has the item in damaged condition, the enumerator should ask for how long has the item been damaged and if the item could be repaired. If it cannot be repaired, the answer to the question should be “No”.": "Jika barang masih dicicil, sedang digadaikan, atau dipakai orang lain di luar rumah tangga, jawabannya “Ya”. Jika responden mengatakan barangnya rusak, pencacah menanyakan sudah berapa lama rusak dan apakah masih bisa diperbaiki. Jika tidak bisa diperbaiki, jawabannya “Tidak”.",
	"Does the household have a motorcycle?":                      "Apakah rumah tangga memiliki sepeda motor?",
	"What is the main building material of the household floor?": "Apa bahan bangunan utama lantai rumah?",
	"The floor is the bottom/base of a room. Make direct observation. If the enumerator cannot observe directly, then ask the respondent.": "Lantai adalah bagian bawah/dasar ruangan. Amati langsung. Jika pencacah tidak dapat mengamati langsung, tanyakan kepada responden.",
	"Bamboo":                   "Bambu",
	"Earth":                    "Tanah",
	"Carpet/Vinyl/Rug":         "Karpet/vinil/permadani",
	"Tile/Terrazzo":            "Ubin/tegel/teraso",
	"High-quality wood/ plank": "Kayu/papan kualitas tinggi",
	"Low-quality wood/ plank":  "Kayu/papan kualitas rendah",
	"Cement/Brick":             "Semen/bata merah",
	"Marble/ Granite":          "Marmer/granit",
	"Ceramic":                  "Keramik",
	"What type of toilet is used by this household?":                                 "Jenis kloset apa yang dipakai rumah tangga ini?",
	"Piped pit latrine with lid":                                                     "Plengsengan dengan tutup",
	"Response options' definitions may be found in the Interview Guidance document.": "Definisi pilihan jawaban ada di dokumen Panduan Wawancara.",
	"Piped pit latrine without lid":                                                  "Plengsengan tanpa tutup",
	"Dry-pit latrine (Cubluk)":                                                       "Cemplung/cubluk",
	"Water sealed":                                                                   "Leher angsa",
	"No toilet available":                                                            "Tidak ada jamban",
	"What is the main fuel used for cooking?":                                        "Apa bahan bakar utama untuk memasak?",
	"Briquette": "Briket",
	"This question is intended to get information about the main fuel used by the households only for cooking.": "Pertanyaan ini menanyakan bahan bakar utama yang dipakai rumah tangga khusus untuk memasak.",
	"Charcoal":                           "Arang",
	"Firewood":                           "Kayu bakar",
	"Electricity":                        "Listrik",
	"5.5 Kg. LPG, 12 Kg. LPG, 3 Kg. LPG": "Elpiji 5,5 kg, 12 kg, atau 3 kg",
	"Bluegas":                            "Bluegas",
	"Municipal gas":                      "Gas kota",
	"Biogas":                             "Biogas",
	"Kerosene":                           "Minyak tanah",
	"No cooking at home":                 "Tidak memasak di rumah",

	// 2023 (IPA, SUSENAS 2022).
	"[Do not ask this question directly. The enumerator should answer this question based on the location of the household]":  "[Jangan tanyakan langsung. Pencacah mengisi pertanyaan ini berdasarkan lokasi rumah tangga.]",
	"[Do not ask this question directly. Complete the household roster and answer this question directly.]":                   "[Jangan tanyakan langsung. Isi daftar anggota rumah tangga, lalu jawab pertanyaan ini dari daftar itu.]",
	"Does the head of the household have a personal or joint savings account at a financial institution (Bank, Cooperative)?": "Apakah kepala rumah tangga mempunyai rekening tabungan, atas nama sendiri atau bersama, di lembaga keuangan (bank, koperasi)?",
	"What is the main building material of the largest house floor area?":                                                     "Apa bahan bangunan utama lantai terluas rumah?",
	"Marble/granite or Ceramics":                               "Marmer/granit atau keramik",
	"Parquet/vinyl/carpet or Tiles/terrazzo":                   "Parket/vinil/karpet atau ubin/tegel/teraso",
	"Timber/board, Cement/red brick, bamboo, soil or other":    "Kayu/papan, semen/bata merah, bambu, tanah, atau lainnya",
	"Did the household consume any meat during the last week?": "Apakah rumah tangga mengonsumsi daging dalam seminggu terakhir?",
	"Include consumption of produccts purchased, received as gifts or self produced. Include beef, mutton, lamb/sheep, pork, meat, brisket, preserved meat (sausages, shredded meat, nuggets), others (including liver, innards, ribs, legs, oxtail, head, etc.)": "Termasuk yang dibeli, diterima sebagai pemberian, atau hasil sendiri. Termasuk daging sapi, kambing, domba, babi, daging lainnya, tetelan, daging awetan (sosis, abon, nugget), dan lainnya (termasuk hati, jeroan, iga, kaki, buntut, kepala, dan sebagainya).",
	"Did the household consume any prepared fried or white rice during the last week?":                                                                                                                         "Apakah rumah tangga mengonsumsi nasi goreng atau nasi putih jadi (siap santap) dalam seminggu terakhir?",
	"Include consumption of products purchased, received as gifts or self produced. This question inquiries about the consumption of prepared rice. This means it was purchased or received already prepared.": "Termasuk yang dibeli, diterima sebagai pemberian, atau hasil sendiri. Pertanyaan ini menanyakan konsumsi nasi jadi, yaitu nasi yang dibeli atau diterima dalam keadaan sudah dimasak.",
	"Did the household spend any money on clothing maintenance materials (softeners and fragrances, bleaches, lubricants, camphor, etc.) during the last month?":                                               "Apakah rumah tangga mengeluarkan uang untuk bahan perawatan pakaian (pelembut dan pewangi, pemutih, pelicin, kamper, dan sebagainya) dalam sebulan terakhir?",
	"Did the household spend any money on Gasoline (premium, pertalite, pertamax, shell, etc.) for motor vehicles during the last month ?":                                                                     "Apakah rumah tangga mengeluarkan uang untuk bensin (premium, pertalite, pertamax, shell, dan sebagainya) untuk kendaraan bermotor dalam sebulan terakhir?",
	"Does the household own a refrigerator ?": "Apakah rumah tangga memiliki lemari es (kulkas)?",
	"Does the household own a car ?":          "Apakah rumah tangga memiliki mobil?",
}

// indonesianKey normalises an English text for the table above.
func indonesianKey(s string) string { return strings.ToLower(collapse(s)) }

var indonesianIndex = func() map[string]string {
	out := make(map[string]string, len(indonesian))
	for en, id := range indonesian {
		out[indonesianKey(en)] = id
	}
	return out
}()

// Indonesian returns our Indonesian wording of an English card text, "" when
// we have none.
func Indonesian(en string) string { return indonesianIndex[indonesianKey(en)] }

// translate fills the Indonesian fields a card's source left empty.
func translate(c *Scorecard) {
	for i := range c.Questions {
		q := &c.Questions[i]
		q.TextID = orElse(q.TextID, Indonesian(q.Text))
		if q.Guidance != "" {
			q.GuidanceID = orElse(q.GuidanceID, Indonesian(q.Guidance))
		}
		for j := range q.Answers {
			a := &q.Answers[j]
			a.TextID = orElse(a.TextID, orElse(Indonesian(a.Text), provinceName(q, a.Text)))
		}
	}
}

// provinceName keeps a province answer as printed: a proper name reads the
// same in both languages.
func provinceName(q *Question, text string) string {
	if strings.Contains(strings.ToLower(q.Text), "province") {
		return text
	}
	return ""
}

func orElse(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}
